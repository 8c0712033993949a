package it.attimo.core.port;

import java.util.List;

/**
 * Finds customers from an address that came back from a channel (an inbound SMS's number, a Mailchimp member's
 * e-mail). Stores look up by a digest of the normalised address ({@link it.attimo.core.customer.ContactKeys}), never
 * by the address itself, and nothing here is logged.
 */
public interface ContactLookup {
    List<String> customersByPhone(String phone);

    List<String> customersByEmail(String email);
}
