package it.attimo.core.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ExecutionNamesTest {
    @Test
    void aValidNameIsUnchanged() {
        assertThat(ExecutionNames.safe("post-purchase-c1-evt_0001.x")).isEqualTo("post-purchase-c1-evt_0001.x");
        assertThat(ExecutionNames.safe("n".repeat(80))).isEqualTo("n".repeat(80));
    }

    @Test
    void forbiddenCharactersBecomeDashes() {
        assertThat(ExecutionNames.safe("a b<c>{d}[e]?f*g\"h#i%j\\k^l|m~n`o$p&q,r;s:t/u"))
                .isEqualTo("a-b-c--d--e--f-g-h-i-j-k-l-m-n-o-p-q-r-s-t-u");
        assertThat(ExecutionNames.safe("tab\tnew\nline")).isEqualTo("tab-new-line");
    }

    @Test
    void aLongNameKeepsItsHeadAndAHashOfTheWholeSoDifferentTailsStayDifferent() {
        String a = "post-purchase-" + "c".repeat(70) + "-event-A";
        String b = "post-purchase-" + "c".repeat(70) + "-event-B";
        assertThat(ExecutionNames.safe(a))
                .hasSize(80)
                .startsWith("post-purchase-ccc")
                .isEqualTo(ExecutionNames.safe(a));
        assertThat(ExecutionNames.safe(a)).isNotEqualTo(ExecutionNames.safe(b));
    }

    @Test
    void anEmptyNameIsRefused() {
        assertThatThrownBy(() -> ExecutionNames.safe("")).isInstanceOf(IllegalArgumentException.class);
    }
}
