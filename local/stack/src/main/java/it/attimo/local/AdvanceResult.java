package it.attimo.local;

import java.time.Instant;

/**
 * What one move of the virtual clock ran.
 *
 * @param timerStops instants the clock stopped at on the way (pending timers)
 * @param rescoresFired re-score timers that fell due and were queued
 * @param scheduledJobsRun scheduled function invocations (template.yaml's ScheduleV2 events) that ran
 * @param messagesProcessed queue messages the score function handled meanwhile
 * @param executionsStarted journeys started meanwhile
 * @param executionsFinished journeys that closed meanwhile
 * @param executionsRunning journeys still running at the end
 */
public record AdvanceResult(
        Instant from,
        Instant now,
        int timerStops,
        int rescoresFired,
        long scheduledJobsRun,
        long messagesProcessed,
        long executionsStarted,
        long executionsFinished,
        long executionsRunning) {}
