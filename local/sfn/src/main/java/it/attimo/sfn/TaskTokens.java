package it.attimo.sfn;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** Task tokens name their execution, frame and a sequence number, so they stay valid across restarts. */
final class TaskTokens {
    private static final String PREFIX = "AQ";

    private TaskTokens() {}

    record Parsed(String executionArn, int frameId) {}

    static String create(String executionArn, int frameId, int sequence) {
        String raw = executionArn + "\n" + frameId + "\n" + sequence;
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static Optional<Parsed> parse(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        try {
            String raw =
                    new String(Base64.getUrlDecoder().decode(token.substring(PREFIX.length())), StandardCharsets.UTF_8);
            String[] parts = raw.split("\n");
            if (parts.length != 3) {
                return Optional.empty();
            }
            return Optional.of(new Parsed(parts[0], Integer.parseInt(parts[1])));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
