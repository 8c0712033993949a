package it.attimo.bench;
