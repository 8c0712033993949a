package it.attimo.local.cost;

/** Hand-made price and usage files with round numbers, so the tests' figures can be checked by hand. */
final class CostFixtures {
    private CostFixtures() {}

    /** Two regions, xx-test-1 and yy-test-2 (Step Functions twice as dear there); the SMS price is an estimate. */
    static final String PRICES = """
            {"pricesAsOf": "2026-01-15", "regionNames": {"xx-test-1": "Test"}, "prices": {
              "stepFunctionsStateTransitions": {"per": 1000, "source": "https://a", "regions": {"xx-test-1": {"usd": 0.025}, "yy-test-2": {"usd": 0.05}}},
              "lambdaRequests": {"per": 1000000, "source": "https://a", "regions": {"xx-test-1": {"usd": 0.20}, "yy-test-2": {"usd": 0.20}}},
              "lambdaGbSecondX86": {"per": 1, "source": "https://a", "regions": {"xx-test-1": {"usd": 0.00001}, "yy-test-2": {"usd": 0.00001}}},
              "lambdaGbSecondArm64": {"per": 1, "source": "https://a", "regions": {"xx-test-1": {"usd": 0.000008}, "yy-test-2": {"usd": 0.000008}}},
              "dynamoDbWriteRequestUnits": {"per": 1000000, "source": "https://a", "regions": {"xx-test-1": {"usd": 1.0}, "yy-test-2": {"usd": 1.0}}},
              "dynamoDbReadRequestUnits": {"per": 1000000, "source": "https://a", "regions": {"xx-test-1": {"usd": 0.25}, "yy-test-2": {"usd": 0.25}}},
              "sqsFifoRequests": {"per": 1000000, "source": "https://a", "regions": {"xx-test-1": {"usd": 0.5}, "yy-test-2": {"usd": 0.5}}},
              "schedulerInvocations": {"per": 1000000, "source": "https://a", "regions": {"xx-test-1": {"usd": 1.0}, "yy-test-2": {"usd": 1.0}}},
              "sesEmails": {"per": 1000, "source": "https://a", "regions": {"xx-test-1": {"usd": 0.10}, "yy-test-2": {"usd": 0.10}}},
              "snsSmsItaly": {"per": 1, "source": "https://a", "regions": {"xx-test-1": {"usd": 0.05, "estimated": true}, "yy-test-2": {"usd": 0.05}}}
            }}
            """;

    /** {"value": value, "comment": "test"}, a number as the assumptions file wants it. */
    static String n(double value) {
        return "{\"value\": " + value + ", \"comment\": \"test\"}";
    }

    /** Every number 1, 2, 100, 200 or 1000; plan and dispatch profiles, dispatch sends; the default costs 1 s. */
    static final String USAGE = """
            {"path": {"loopPasses": %1$s, "mapItems": %1$s},
             "events": {"otherEventsPerCustomer": %1$s, "ingestDurationMs": %2$s, "scoreInvocationsPerEvent": %1$s,
                        "scoreDurationMs": %3$s, "getItemsPerEvent": %4$s, "putItemsPerEvent": %4$s,
                        "queriesPerEvent": %4$s, "sqsRequestsPerEvent": %4$s},
             "rescores": {"schedulerInvocationsPerCustomer": %1$s},
             "dynamoDb": {"readUnitsPerGetItem": %1$s, "readUnitsPerQuery": %4$s, "writeUnitsPerWrite": %1$s},
             "journeyTasks": {
               "plan": {"durationMs": %2$s, "getItems": %1$s, "queries": %1$s, "writes": %1$s},
               "dispatch": {"durationMs": %3$s, "getItems": %4$s, "queries": %1$s, "writes": %4$s, "sendsMessage": true},
               "default": {"durationMs": %5$s, "getItems": %6$s, "queries": %6$s, "writes": %6$s}}}
            """.formatted(n(1), n(100), n(200), n(2), n(1000), n(0));
}
