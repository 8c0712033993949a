package it.attimo.core.customer;

/**
 * The personal data needed to reach and greet a customer. Stored apart from the profile, never logged, never put in a
 * state machine's input, erased on request. {@code firstName} is optional: messages greet by name only when the
 * customer's consented data has it.
 */
public record Contact(String customerId, String email, String phone, String pushToken, String firstName) {
    /** A contact without a first name. */
    public Contact(String customerId, String email, String phone, String pushToken) {
        this(customerId, email, phone, pushToken, null);
    }

    public boolean canReach(it.attimo.core.channel.Channel channel) {
        return switch (channel) {
            case EMAIL -> email != null && !email.isBlank();
            case SMS -> phone != null && !phone.isBlank();
            case PUSH -> pushToken != null && !pushToken.isBlank();
        };
    }

    @Override
    public String toString() {
        return "Contact[" + customerId + "]";
    }
}
