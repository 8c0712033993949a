package it.attimo.core.touchpoint;

import java.util.List;
import java.util.Optional;

/** The touchpoint inventory ({@code touchpoints.json}) and the URL prefixes a QR code may redirect to. */
public record TouchpointCatalog(List<Touchpoint> touchpoints, List<String> allowedTargets) {
    public TouchpointCatalog {
        touchpoints = List.copyOf(touchpoints);
        allowedTargets = List.copyOf(allowedTargets);
    }

    public Optional<Touchpoint> find(String id) {
        return touchpoints.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    /** The touchpoint whose QR code is {@code code}. */
    public Optional<Touchpoint> byQrCode(String code) {
        return touchpoints.stream()
                .filter(t -> t.qr() != null && t.qr().code().equals(code))
                .findFirst();
    }

    /** The touchpoint whose embeddable form is {@code formId}. */
    public Optional<Touchpoint> byFormId(String formId) {
        return touchpoints.stream()
                .filter(t -> t.form() != null && t.form().formId().equals(formId))
                .findFirst();
    }

    /** Whether a redirect target is on the allow-list (an https URL under one of its prefixes). */
    public boolean allowed(String target) {
        return target != null && allowedTargets.stream().anyMatch(target::startsWith);
    }
}
