package it.attimo.function.journey;
