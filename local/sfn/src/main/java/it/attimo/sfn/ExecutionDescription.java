package it.attimo.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;

/** What DescribeExecution returns. Output only when SUCCEEDED; error/cause only when FAILED/TIMED_OUT/ABORTED. */
public record ExecutionDescription(
        String executionArn,
        String stateMachineArn,
        String name,
        ExecutionStatus status,
        JsonNode input,
        Optional<JsonNode> output,
        Optional<String> error,
        Optional<String> cause,
        Instant startDate,
        Optional<Instant> stopDate) {}
