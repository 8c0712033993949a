package it.attimo.core.customer;

import it.attimo.core.channel.Channel;
import java.util.EnumSet;
import java.util.Set;

/**
 * The personal data needed to reach and greet a customer. Stored apart from the profile, never logged, never put in a
 * state machine's input, erased on request. {@code firstName} is optional: messages greet by name only when the
 * customer's consented data has it. {@code unreachable} holds the channels whose address the provider said is dead (a
 * permanent SES bounce, a disabled push endpoint) until a new address is given.
 */
public record Contact(
        String customerId, String email, String phone, String pushToken, String firstName, Set<Channel> unreachable) {
    public Contact {
        unreachable = unreachable == null || unreachable.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(unreachable));
    }

    /** A contact without a first name, every address reachable. */
    public Contact(String customerId, String email, String phone, String pushToken) {
        this(customerId, email, phone, pushToken, null, Set.of());
    }

    /** A contact with a first name, every address reachable. */
    public Contact(String customerId, String email, String phone, String pushToken, String firstName) {
        this(customerId, email, phone, pushToken, firstName, Set.of());
    }

    /** A contact without a first name. */
    public Contact(String customerId, String email, String phone, String pushToken, Set<Channel> unreachable) {
        this(customerId, email, phone, pushToken, null, unreachable);
    }

    public boolean canReach(Channel channel) {
        if (unreachable.contains(channel)) return false;
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
