package it.attimo.core.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ComuneDirectoryTest {
    private final ComuneDirectory dir = ComuneDirectory.bundled();

    @Test
    void bundlesEveryComuneOfTheSnapshot() {
        assertThat(dir.size()).isEqualTo(7904);
        assertThat(dir.all()).allSatisfy(c -> {
            assertThat(c.istatCode()).matches("\\d{6}");
            assertThat(c.istatCode()).startsWith(c.provinceCode());
            assertThat(c.provinceSigla()).matches("[A-Z]{2}");
        });
        assertThat(dir.all().stream().filter(Comune::provinceCapital).count()).isEqualTo(109);
    }

    @ParameterizedTest
    @CsvSource({
        "015146,Milano,MI,03,NORD_OVEST", "108033,Monza,MB,03,NORD_OVEST", "058091,Roma,RM,12,CENTRO",
        "021008,Bolzano,BZ,04,NORD_EST", "022205,Trento,TN,04,NORD_EST", "063049,Napoli,NA,15,SUD",
        "082053,Palermo,PA,19,ISOLE", "072006,Bari,BA,16,SUD", "054039,Perugia,PG,10,CENTRO"
    })
    void knowsTheReferenceCapitals(String code, String name, String sigla, String region, MacroArea area) {
        Comune c = dir.requireCode(code);
        assertThat(c.name()).isEqualTo(name);
        assertThat(c.provinceSigla()).isEqualTo(sigla);
        assertThat(c.regionCode()).isEqualTo(region);
        assertThat(c.macroArea()).isEqualTo(area);
        assertThat(c.provinceCapital()).isTrue();
    }

    @Test
    void findsByNameIgnoringCaseAccentsAndLanguage() {
        assertThat(dir.byName("  milano ").istatCode()).isEqualTo("015146");
        assertThat(dir.byName("FORLI").istatCode()).isEqualTo("040012");
        assertThat(dir.byName("Bozen").istatCode()).isEqualTo("021008");
        assertThat(dir.byName("Bolzano/Bozen").istatCode()).isEqualTo("021008");
        assertThat(dir.byName("L’Aquila").istatCode()).isEqualTo("066049");
        assertThat(dir.resolve("058091").name()).isEqualTo("Roma");
        assertThat(dir.resolve("roma").istatCode()).isEqualTo("058091");
        assertThat(dir.byName("Reggio Emilia").name()).isEqualTo("Reggio nell'Emilia");
        assertThat(dir.byName("reggio calabria").name()).isEqualTo("Reggio di Calabria");
    }

    @Test
    void ambiguousNameListsEveryCandidate() {
        // Samone exists in Torino (TO) and Trento (TN) provinces
        assertThatThrownBy(() -> dir.byName("Samone"))
                .isInstanceOf(AmbiguousComuneException.class)
                .hasMessageContaining("ambiguous")
                .hasMessageContaining("(TO)")
                .hasMessageContaining("(TN)");
    }

    @Test
    void unknownCodeOrNameIsAClearError() {
        assertThatThrownBy(() -> dir.resolve("999999"))
                .isInstanceOf(UnknownComuneException.class)
                .hasMessageContaining("999999");
        assertThatThrownBy(() -> dir.resolve("Atlantide"))
                .isInstanceOf(UnknownComuneException.class)
                .hasMessageContaining("Atlantide");
    }

    @Test
    void listsAProvinceAndItsCapitals() {
        assertThat(dir.inProvince("mb"))
                .hasSizeGreaterThan(50)
                .allSatisfy(c -> assertThat(c.provinceSigla()).isEqualTo("MB"));
        assertThat(dir.capitalsOf("MB")).extracting(Comune::name).containsExactly("Monza");
        assertThat(dir.capitalsOf("BT"))
                .extracting(Comune::name)
                .containsExactlyInAnyOrder("Andria", "Barletta", "Trani");
        assertThat(dir.inProvince("XX")).isEmpty();
    }

    @Test
    void theAsciiShortcutNormalisesEveryNameAsTheUnicodePathDoes() {
        for (Comune c : dir.all()) {
            for (String name : java.util.List.of(
                    c.name(), c.otherName(), c.displayName(), c.name().toUpperCase())) {
                assertThat(ComuneDirectory.normalise(name)).isEqualTo(ComuneDirectory.normaliseUnicode(name));
            }
        }
        for (String odd : new String[] {
            "  Reggio \t nell`Emilia \r\n", "A\u000BB\fC", "CASTEL  SAN\tPIETRO", "", "   ", "x\u0001y", "Sant’Angelo"
        }) {
            assertThat(ComuneDirectory.normalise(odd)).isEqualTo(ComuneDirectory.normaliseUnicode(odd));
        }
        assertThat(ComuneDirectory.normalise("  Reggio \t nell`Emilia ")).isEqualTo("reggio nell'emilia");
    }

    @Test
    void aDirectoryBuiltFromAListFindsNamesOnItsFirstLookup() {
        ComuneDirectory two =
                new ComuneDirectory(java.util.List.of(dir.requireCode("015146"), dir.requireCode("021008")));
        assertThat(two.byName("bozen").istatCode()).isEqualTo("021008");
        assertThat(two.byName("MILANO").istatCode()).isEqualTo("015146");
        assertThatThrownBy(() -> two.byName("Roma")).isInstanceOf(UnknownComuneException.class);
    }
}
