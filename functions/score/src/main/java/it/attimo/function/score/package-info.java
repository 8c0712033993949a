package it.attimo.function.score;
