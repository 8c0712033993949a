package it.attimo.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import it.attimo.core.customer.Segment;
import org.junit.jupiter.api.Test;

class ToneRuleTest {
    @Test
    void consumersInTheSouthAndIslandsAreAddressedInformally() {
        assertThat(ToneRule.resolve(Segment.B2C, "Sud", null)).isEqualTo("informale");
        assertThat(ToneRule.resolve(Segment.B2C, "Isole", null)).isEqualTo("informale");
        assertThat(ToneRule.resolve(Segment.B2C, "Sud e Isole", null)).isEqualTo("informale");
        assertThat(ToneRule.resolve(null, "Sud", null))
                .as("unknown segment: as b2c")
                .isEqualTo("informale");
    }

    @Test
    void northCentreBusinessesAndStrangersAreAddressedFormally() {
        assertThat(ToneRule.resolve(Segment.B2C, "Nord-ovest", null)).isEqualTo("formale");
        assertThat(ToneRule.resolve(Segment.B2C, "Nord-est", null)).isEqualTo("formale");
        assertThat(ToneRule.resolve(Segment.B2C, "Centro", null)).isEqualTo("formale");
        assertThat(ToneRule.resolve(Segment.B2B, "Sud", null)).isEqualTo("formale");
        assertThat(ToneRule.resolve(Segment.B2B, "Isole", null)).isEqualTo("formale");
        assertThat(ToneRule.resolve(Segment.B2C, null, null)).isEqualTo("formale");
        assertThat(ToneRule.resolve(Segment.B2C, "Atlantide", null)).isEqualTo("formale");
    }

    @Test
    void theProfilesToneOverridesInAnySpelling() {
        assertThat(ToneRule.resolve(Segment.B2C, "Sud", "formale")).isEqualTo("formale");
        assertThat(ToneRule.resolve(Segment.B2C, "Sud", "formal")).isEqualTo("formale");
        assertThat(ToneRule.resolve(Segment.B2B, "Nord-ovest", "Informal ")).isEqualTo("informale");
        assertThat(ToneRule.resolve(Segment.B2B, "Nord-ovest", "tu")).isEqualTo("informale");
        assertThat(ToneRule.resolve(Segment.B2C, "Sud", "lei")).isEqualTo("formale");
        assertThat(ToneRule.resolve(Segment.B2C, "Sud", "gentile"))
                .as("unknown: the rule")
                .isEqualTo("informale");
        assertThat(ToneRule.normalize(null)).isNull();
    }

    @Test
    void areasGroupTheIstatMacroAreas() {
        assertThat(AreaGroup.of("Nord-ovest")).isEqualTo(AreaGroup.NORD);
        assertThat(AreaGroup.of("nord est")).isEqualTo(AreaGroup.NORD);
        assertThat(AreaGroup.of("NORD")).isEqualTo(AreaGroup.NORD);
        assertThat(AreaGroup.of("Centro")).isEqualTo(AreaGroup.CENTRO);
        assertThat(AreaGroup.of("sud-e-isole")).isEqualTo(AreaGroup.SUD_E_ISOLE);
        assertThat(AreaGroup.of("Isole").label()).isEqualTo("Sud e Isole");
        assertThat(AreaGroup.of(null)).isNull();
        assertThat(AreaGroup.of("Lombardia")).isNull();
    }
}
