package it.attimo.core.touchpoint;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One digital touchpoint of the company (seed 003's inventory): its id, name, kind, who watches it ({@code owner}),
 * where its output goes ({@code output}), the CloudEvents {@code source} values that belong to it, after how long
 * without events it counts as silent, the journey milestone its customers should reach next, how its requests are
 * handled (a request event answered by a handled event within a time), its QR code, its embeddable form and the
 * variants an experiment of experiments.json may serve in its place (an A/B test of the touchpoint).
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
        EmbeddedForm form,
        List<Variant> variants) {
    public Touchpoint {
        sources = List.copyOf(sources);
        variants = variants == null ? List.of() : List.copyOf(variants);
    }

    /** The variant of this id, if declared. */
    public Optional<Variant> variant(String variantId) {
        return variants.stream().filter(v -> v.id().equals(variantId)).findFirst();
    }

    /**
     * A variant of the touchpoint, served instead of its own form when an experiment targets the touchpoint: its id (an
     * arm of that experiment) and what differs. For a QR code: the redirect {@code target} (on the allow-list too).
     */
    public record Variant(String id, String target) {}

    /** A request from this touchpoint ({@code request} event type) is handled by a {@code handled} event within. */
    public record Handling(String request, String handled, Duration within) {}

    /** The touchpoint's QR code: {@code GET /q/{code}} logs {@code qr.scanned} and redirects to {@code target}. */
    public record Qr(String code, String target) {}

    /** The CloudEvents source of this touchpoint's QR scans. */
    public static String qrSource(String touchpointId) {
        return "attimo/qr/" + touchpointId;
    }
}
