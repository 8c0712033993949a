package it.attimo.local;
