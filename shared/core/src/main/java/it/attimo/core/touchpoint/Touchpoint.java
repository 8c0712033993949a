package it.attimo.core.touchpoint;

import java.time.Duration;
import java.util.List;

/**
 * One digital touchpoint of the company (seed 003's inventory): its id, name, kind, who watches it ({@code owner}),
 * where its output goes ({@code output}), the CloudEvents {@code source} values that belong to it, after how long
 * without events it counts as silent, the journey milestone its customers should reach next, how its requests are
 * handled (a request event answered by a handled event within a time), its QR code and its embeddable form.
 */
public record Touchpoint(
        String id,
        String name,
        String kind,
        String owner,
        String output,
        List<String> sources,
        Duration silentAfter,
        String milestone,
        Handling handling,
        Qr qr,
        EmbeddedForm form) {
    public Touchpoint {
        sources = List.copyOf(sources);
    }

    /** A request from this touchpoint ({@code request} event type) is handled by a {@code handled} event within. */
    public record Handling(String request, String handled, Duration within) {}

    /** The touchpoint's QR code: {@code GET /q/{code}} logs {@code qr.scanned} and redirects to {@code target}. */
    public record Qr(String code, String target) {}

    /** The CloudEvents source of this touchpoint's QR scans. */
    public static String qrSource(String touchpointId) {
        return "attimo/qr/" + touchpointId;
    }
}
