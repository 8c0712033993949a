package it.attimo.local.cli;

import static it.attimo.local.cli.AttimoCliTest.attimo;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreviewCommandTest {
    @Test
    void theDefaultCustomerIsAConsumerInMilanAddressedFormally() {
        AttimoCliTest.Run run = attimo("preview", "--journey", "post-purchase", "--step", "welcome");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("tone:     formale")
                .contains("subject:  Il Suo ordine è arrivato: ecco come iniziare")
                .contains("Buongiorno Giulia,")
                .contains("Forno a microonde Combi 25 L")
                .contains("links:")
                .containsPattern("video\\s+http://127\\.0\\.0\\.1:8080/contenuti/video/tutorial-elettrodomestici")
                .containsPattern("qr\\s+http://127\\.0\\.0\\.1:8080/qr/support\\.png");
    }

    @Test
    void aCustomerFromPalermoWithAGardenOrderGetsTheInformalContextualMessage(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("salvo.json");
        Files.writeString(file, """
                {"segment": "b2c", "comune": "Palermo", "firstName": "Salvo",
                 "order": {"orderId": "ORD-7", "items": [
                   {"sku": "G-1", "name": "Gazebo in legno 3x3", "category": "giardino", "price": 420}]}}
                """);
        AttimoCliTest.Run run = attimo(
                "preview",
                "--journey",
                "post-purchase",
                "--step",
                "contextual",
                "--customer",
                file.toString(),
                "--public-base-url",
                "https://negozio.example");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("tone:     informale")
                .contains("Ciao Salvo,")
                .contains("Salvatore, Catania")
                .containsPattern("faq\\s+https://negozio\\.example/assistenza/faq/giardino")
                .containsPattern("person\\s+https://negozio\\.example/assistenza/parla-con-noi");
    }

    @Test
    void theApologyShowsACouponPlaceholderAndTheSmsHasNoSubject(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("b2b.json");
        Files.writeString(file, "{\"segment\": \"b2b\", \"macroArea\": \"Sud e Isole\", \"tone\": \"informal\"}");
        AttimoCliTest.Run run = attimo(
                "preview",
                "--journey",
                "delivery-delay",
                "--step",
                "apology",
                "--channel",
                "sms",
                "--customer",
                file.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("tone:     informale")
                .contains("coupon:   " + PreviewCommand.SAMPLE_COUPON)
                .contains("Ciao, scusa")
                .doesNotContain("subject:");
    }

    @Test
    void aMarketingEmailShowsItsUnsubscribeLink() {
        AttimoCliTest.Run run = attimo("preview", "--journey", "post-purchase", "--step", "accessories");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("Set di contenitori in vetro per microonde, 24,90 €")
                .containsPattern("unsubscribe\\s+http://127\\.0\\.0\\.1:8080/unsubscribe/v1\\.");
    }

    @Test
    void unknownJourneyStepOrChannelExitTwoNamingTheKnownOnes(@TempDir Path dir) throws Exception {
        AttimoCliTest.Run journey = attimo("preview", "--journey", "post-purchases", "--step", "welcome");
        assertThat(journey.exit()).isEqualTo(2);
        assertThat(journey.err())
                .contains("unknown journey 'post-purchases'")
                .contains("delivery-delay")
                .contains("onboarding-72h")
                .contains("order-return")
                .contains("post-purchase");

        AttimoCliTest.Run step = attimo("preview", "--journey", "order-return", "--step", "welcome");
        assertThat(step.exit()).isEqualTo(2);
        assertThat(step.err())
                .contains("unknown step 'welcome' of order-return")
                .contains("reassurance, help");

        AttimoCliTest.Run channel =
                attimo("preview", "--journey", "post-purchase", "--step", "welcome", "--channel", "fax");
        assertThat(channel.exit()).isEqualTo(2);
        assertThat(channel.err()).contains("fax");

        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"segment\": \"b2c\", \"email\": \"x@example.it\"}");
        AttimoCliTest.Run field =
                attimo("preview", "--journey", "post-purchase", "--step", "welcome", "--customer", bad.toString());
        assertThat(field.exit()).isEqualTo(2);
        assertThat(field.err()).contains("unknown field 'email'").doesNotContain("x@example.it");

        AttimoCliTest.Run missing = attimo(
                "preview",
                "--journey",
                "post-purchase",
                "--step",
                "welcome",
                "--customer",
                dir.resolve("none.json").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("--customer: cannot read");

        Files.writeString(bad, "{\"comune\": \"Nonesiste\"}");
        assertThat(attimo("preview", "--journey", "post-purchase", "--step", "welcome", "--customer", bad.toString())
                        .exit())
                .isEqualTo(2);
        Files.writeString(bad, "[1]");
        assertThat(attimo("preview", "--journey", "post-purchase", "--step", "welcome", "--customer", bad.toString())
                        .exit())
                .isEqualTo(2);
    }
}
