package it.attimo.aws;
