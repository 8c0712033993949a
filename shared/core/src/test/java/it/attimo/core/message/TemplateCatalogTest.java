package it.attimo.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import it.attimo.core.channel.Channel;
import it.attimo.core.customer.Segment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateCatalogTest {
    @Test
    void aTemplatesDirectoryAddsJourneysAndComesBeforeTheBundledFiles(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("gift-card"));
        Files.writeString(
                dir.resolve("gift-card").resolve("thanks.email.formale.mustache"),
                "Oggetto: Grazie\nBuongiorno{{#firstName}} {{firstName}}{{/firstName}},\n\nè arrivata la carta regalo.\n");
        Files.createDirectories(dir.resolve("post-purchase"));
        Files.writeString(
                dir.resolve("post-purchase").resolve("welcome.email.formale.mustache"),
                "Oggetto: Benvenuto (versione del marketing)\nBuongiorno,\n\ntesto rivisto.\n");
        MessageRenderer renderer = MessageRenderer.withTemplates("https://shop.example", () -> null, dir);

        RenderedMessage gift = renderer.render(new MessageInput(
                "c-1",
                "gift-card",
                "thanks",
                Channel.SMS,
                "service",
                "k",
                Segment.B2B,
                null,
                null,
                "Anna",
                null,
                Map.of(),
                null));
        assertThat(gift.text()).isEqualTo("Buongiorno Anna,\n\nè arrivata la carta regalo.");
        assertThat(gift.links()).isEmpty();

        RenderedMessage welcome = renderer.render(new MessageInput(
                "c-1",
                "post-purchase",
                "welcome",
                Channel.EMAIL,
                "service",
                "k",
                Segment.B2B,
                null,
                null,
                null,
                null,
                Map.of(),
                null));
        assertThat(welcome.subject()).isEqualTo("Benvenuto (versione del marketing)");

        RenderedMessage informal = renderer.render(new MessageInput(
                "c-1",
                "post-purchase",
                "welcome",
                Channel.EMAIL,
                "service",
                "k",
                Segment.B2C,
                "Sud",
                null,
                null,
                null,
                Map.of(),
                null));
        assertThat(informal.subject())
                .as("not in the directory: the bundled one")
                .isEqualTo("Il tuo ordine è arrivato: si parte!");
        assertThat(new TemplateCatalog(dir).covers("gift-card", "thanks"))
                .as("no informale file")
                .isFalse();
    }

    @Test
    void anEmailTemplateWithoutASubjectLineIsRefused(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("j"));
        Files.writeString(dir.resolve("j").resolve("s.email.formale.mustache"), "Buongiorno,\n\nniente oggetto.\n");
        MessageRenderer renderer = MessageRenderer.withTemplates("https://shop.example", () -> null, dir);
        MessageInput email = new MessageInput(
                "c-1", "j", "s", Channel.EMAIL, "service", "k", Segment.B2B, null, null, null, null, Map.of(), null);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> renderer.render(email))
                .isInstanceOf(MessageRenderingException.class)
                .hasMessageContaining("j.s")
                .hasMessageContaining("Oggetto:");
        MessageInput push = new MessageInput(
                "c-1", "j", "s", Channel.PUSH, "service", "k", Segment.B2B, null, null, null, null, Map.of(), null);
        assertThat(renderer.render(push).text()).isEqualTo("Buongiorno,\n\nniente oggetto.");
    }
}
