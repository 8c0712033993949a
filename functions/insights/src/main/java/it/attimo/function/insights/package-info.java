package it.attimo.function.insights;
