package it.attimo.core.customer;

import it.attimo.core.digest.Sha256;
import java.util.Locale;

/**
 * The lookup keys of contact details: a SHA-256 of the normalised address. The same number written {@code +39 333
 * 1234567}, {@code 0039 3331234567} or {@code 3331234567} (an Italian mobile without prefix) gives the same key; an
 * e-mail is trimmed and lower-cased. The contacts table holds the address itself beside the key, so the digest hides
 * nothing there; it keeps the index and every lookup free of addresses.
 */
public final class ContactKeys {
    private ContactKeys() {}

    /** E.164-ish: digits with a leading +; 00 becomes +; 9-10 digits starting with 3 are an Italian mobile (+39). */
    public static String normalisePhone(String phone) {
        if (phone == null) return null;
        String digits = phone.replaceAll("[\\s().\\-/]", "");
        if (digits.startsWith("00")) digits = "+" + digits.substring(2);
        if (!digits.startsWith("+") && digits.startsWith("3") && digits.length() >= 9 && digits.length() <= 10) {
            digits = "+39" + digits;
        }
        if (!digits.startsWith("+")) digits = "+" + digits;
        return digits.matches("\\+[0-9]{6,15}") ? digits : null;
    }

    public static String phoneKey(String phone) {
        String normal = normalisePhone(phone);
        return normal == null ? null : Sha256.hex("phone:" + normal);
    }

    public static String emailKey(String email) {
        if (email == null || email.isBlank()) return null;
        return Sha256.hex("email:" + email.trim().toLowerCase(Locale.ROOT));
    }
}
