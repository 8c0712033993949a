package it.attimo.core.profile;

import it.attimo.core.customer.Contact;
import it.attimo.core.customer.Profile;
import java.time.Instant;
import java.util.Optional;

/** The result of folding a customer's log: the behavioural profile, the latest contact details, the next deadline. */
public record FoldedCustomer(Profile profile, Contact contact, Optional<Instant> nextDeadline) {}
