package it.attimo.core.customer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContactKeysTest {
    @Test
    void theSameItalianMobileWrittenThreeWaysIsOneKey() {
        String key = ContactKeys.phoneKey("+39 333 123 4567");
        assertThat(ContactKeys.phoneKey("0039 333-1234567")).isEqualTo(key);
        assertThat(ContactKeys.phoneKey("3331234567")).isEqualTo(key);
        assertThat(ContactKeys.phoneKey("(+39) 333.123.4567")).isEqualTo(key);
        assertThat(ContactKeys.phoneKey("+393331234568")).isNotEqualTo(key);
        assertThat(key).doesNotContain("333").hasSize(64);
    }

    @Test
    void otherNumbersKeepTheirCountryAndNonsenseHasNoKey() {
        assertThat(ContactKeys.normalisePhone("0044 20 7946 0958")).isEqualTo("+442079460958");
        assertThat(ContactKeys.normalisePhone("442079460958")).isEqualTo("+442079460958");
        assertThat(ContactKeys.normalisePhone("02 1234")).isEqualTo("+021234");
        assertThat(ContactKeys.phoneKey("not a number")).isNull();
        assertThat(ContactKeys.phoneKey("123")).isNull();
        assertThat(ContactKeys.phoneKey(null)).isNull();
    }

    @Test
    void emailsAreTrimmedAndLowerCased() {
        assertThat(ContactKeys.emailKey(" Anna.Rossi@Example.COM "))
                .isEqualTo(ContactKeys.emailKey("anna.rossi@example.com"));
        assertThat(ContactKeys.emailKey("")).isNull();
        assertThat(ContactKeys.emailKey(null)).isNull();
    }
}
