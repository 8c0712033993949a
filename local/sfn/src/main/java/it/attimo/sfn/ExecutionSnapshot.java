package it.attimo.sfn;

/** The persisted form of one execution: its ARN, status and full runtime state as JSON. */
public record ExecutionSnapshot(String executionArn, ExecutionStatus status, String json) {}
