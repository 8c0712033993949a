package it.attimo.local;

/** ARNs of the local account: state machines are named by their ASL file name. */
public final class LocalArns {
    private static final String STATES_PREFIX =
            "arn:aws:states:" + SamTemplate.REGION + ":" + SamTemplate.ACCOUNT + ":";

    private LocalArns() {}

    public static String stateMachineArn(String journey) {
        return STATES_PREFIX + "stateMachine:" + journey;
    }

    public static String executionArn(String stateMachineArn, String executionName) {
        String journey = stateMachineArn.substring(stateMachineArn.lastIndexOf(':') + 1);
        return STATES_PREFIX + "execution:" + journey + ":" + executionName;
    }
}
