package it.attimo.sfn;

/** Pieces of Step Functions ARNs: {@code arn:aws:states:<region>:<account>:stateMachine:<name>}. */
final class Arns {
    private Arns() {}

    static String region(String arn) {
        return part(arn, 3, "us-east-1");
    }

    static String account(String arn) {
        return part(arn, 4, "000000000000");
    }

    static String resourceName(String arn) {
        return part(arn, 6, arn);
    }

    static String executionArn(String stateMachineArn, String executionName) {
        return "arn:aws:states:" + region(stateMachineArn) + ":" + account(stateMachineArn) + ":execution:"
                + resourceName(stateMachineArn) + ":" + executionName;
    }

    private static String part(String arn, int index, String fallback) {
        String[] parts = arn.split(":");
        return parts.length > index && !parts[index].isEmpty() ? parts[index] : fallback;
    }
}
