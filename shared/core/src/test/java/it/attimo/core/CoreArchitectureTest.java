package it.attimo.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The core stays a pure domain: no cloud or framework types, and time only from an injected Clock. */
class CoreArchitectureTest {
    static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("it.attimo.core");
    }

    @Test
    void noCloudFrameworkOrAnnotationDependencies() {
        ArchRule rule = noClasses()
                .that()
                .resideInAPackage("it.attimo.core..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "software.amazon..", "com.amazonaws..", "io.micronaut..", "com.fasterxml.jackson.annotation..")
                .because("shared/core is the pure domain; adapters live in shared/aws");
        rule.check(core);
    }

    @Test
    void httpStaysAtTheEdge() {
        ArchRule rule = noClasses()
                .that()
                .resideInAPackage("it.attimo.core..")
                .should()
                .resideInAnyPackage("it.attimo.core.api..", "..http..")
                .orShould()
                .haveSimpleNameStartingWith("Api")
                .orShould()
                .haveSimpleNameStartingWith("Http")
                .orShould()
                .dependOnClassesThat()
                .resideInAnyPackage("java.net.http..", "com.sun.net.httpserver..")
                .because("use cases take typed inputs and throw named refusals (it.attimo.core.error); routes, status"
                        + " codes and bodies are made in the adapters (shared/aws it.attimo.aws.http)");
        rule.check(core);
    }

    @Test
    void timeComesOnlyFromAnInjectedClock() {
        ArchRule rule = noClasses()
                .that()
                .resideInAPackage("it.attimo.core..")
                .should()
                .callMethod(Instant.class, "now")
                .orShould()
                .callMethod(LocalDate.class, "now")
                .orShould()
                .callMethod(LocalDate.class, "now", ZoneId.class)
                .orShould()
                .callMethod(LocalDateTime.class, "now")
                .orShould()
                .callMethod(LocalDateTime.class, "now", ZoneId.class)
                .orShould()
                .callMethod(LocalTime.class, "now")
                .orShould()
                .callMethod(LocalTime.class, "now", ZoneId.class)
                .orShould()
                .callMethod(ZonedDateTime.class, "now")
                .orShould()
                .callMethod(ZonedDateTime.class, "now", ZoneId.class)
                .orShould()
                .callMethod(OffsetDateTime.class, "now")
                .orShould()
                .callMethod(OffsetDateTime.class, "now", ZoneId.class)
                .orShould()
                .callMethod(System.class, "currentTimeMillis")
                .orShould()
                .callMethod(Clock.class, "systemUTC")
                .orShould()
                .callMethod(Clock.class, "systemDefaultZone")
                .because("business time is the injected (possibly virtual) clock; wall time is injected too");
        rule.check(core);
    }

    @Test
    void theRulesCatchAViolation() {
        JavaClasses offender = new ClassFileImporter().importClasses(ReadsTheSystemClock.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        noClasses().should().callMethod(Instant.class, "now").check(offender))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Instant.now()");
    }

    static final class ReadsTheSystemClock {
        Instant now() {
            return Instant.now();
        }
    }
}
