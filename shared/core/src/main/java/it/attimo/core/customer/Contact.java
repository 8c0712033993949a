package it.attimo.core.customer;

/**
 * The personal data needed to reach a customer. Stored apart from the profile, never logged, never put in a
 * state machine's input, erased on request.
 */
public record Contact(String customerId, String email, String phone, String pushToken) {
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
