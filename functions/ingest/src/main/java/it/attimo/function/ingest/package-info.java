package it.attimo.function.ingest;
