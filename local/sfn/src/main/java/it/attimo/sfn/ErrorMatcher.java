package it.attimo.sfn;

import com.fasterxml.jackson.databind.JsonNode;

/** Does a Retry/Catch ErrorEquals list match an error name? */
final class ErrorMatcher {
    private ErrorMatcher() {}

    static boolean matches(JsonNode errorEquals, String error) {
        if (ErrorNames.TERMINAL.contains(error)) {
            return false;
        }
        for (JsonNode name : errorEquals) {
            String n = name.asText();
            if (n.equals(ErrorNames.ALL)
                    || n.equals(error)
                    || (n.equals(ErrorNames.TASK_FAILED) && !error.equals(ErrorNames.TIMEOUT))) {
                return true;
            }
        }
        return false;
    }
}
