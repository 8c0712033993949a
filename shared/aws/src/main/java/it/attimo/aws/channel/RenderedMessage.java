package it.attimo.aws.channel;

/** A template rendered for one tone: email subject, plain text and HTML bodies, and the SMS text. */
public record RenderedMessage(String subject, String text, String html, String sms) {}
