package it.attimo.sfn;
