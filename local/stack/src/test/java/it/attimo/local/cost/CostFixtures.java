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
}
