package it.attimo.local.demo;

/**
 * One synthetic customer: ids and attributes only, no real personal data (the email is {@code <id>@example.invalid}).
 *
 * @param persona how this customer behaves in the demo (see {@link DemoScenario})
 */
public record DemoCustomer(
        String id,
        String segment,
        String comune,
        String macroArea,
        String locale,
        boolean emailConsent,
        boolean smsConsent,
        boolean pushConsent,
        Persona persona,
        boolean buyer) {

    /** Onboarding behaviour of a B2B customer; B2C customers are all {@code SHOPPER}. */
    public enum Persona {
        DILIGENT,
        SLOW,
        SILENT,
        SHOPPER
    }

    public String email() {
        return id + "@example.invalid";
    }

    /** Not a real number: Italian numbers never start with +39 0000. */
    public String phone() {
        return "+390000" + id.substring(id.length() - 6);
    }

    public boolean b2b() {
        return segment.equals("b2b");
    }
}
