package it.attimo.aws.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageTemplatesTest {
    final MessageTemplates templates = MessageTemplates.italian();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "post-purchase.welcome",
                "post-purchase.tutorial",
                "post-purchase.survey",
                "onboarding-72h.first-module-reminder",
                "onboarding-72h.support-email",
                "onboarding-72h.key-module-sms",
                "onboarding-72h.key-module-email",
                "onboarding-72h.case-study",
                "onboarding-72h.recovery"
            })
    void everyJourneyStepThatSendsHasBothRegistersInFull(String template) {
        for (String tone : new String[] {"formale", "informale"}) {
            RenderedMessage m = templates.render(template, "it-IT", tone);
            assertThat(m.subject()).as(template + " " + tone).isNotBlank();
            assertThat(m.text()).isNotBlank();
            assertThat(m.html()).startsWith("<p>");
            assertThat(m.sms()).isNotBlank().hasSizeLessThanOrEqualTo(160);
        }
    }

    @Test
    void formalSaysBuongiornoAndInformalSaysCiao() {
        assertThat(templates.render("post-purchase.welcome", "it-IT", "formale").text())
                .startsWith("Buongiorno");
        assertThat(templates
                        .render("post-purchase.welcome", "it-IT", "informale")
                        .text())
                .startsWith("Ciao");
        assertThat(templates
                        .render("post-purchase.welcome", "it-IT", "informal")
                        .text())
                .startsWith("Ciao");
    }

    @Test
    void anUnknownOrMissingToneIsFormal() {
        assertThat(templates.render("welcome", "it-IT", null).text()).startsWith("Buongiorno");
        assertThat(templates.render("welcome", "it-IT", "sarcastic").text()).startsWith("Buongiorno");
    }

    @Test
    void anUnknownTemplateIsAClearError() {
        assertThatThrownBy(() -> templates.render("post-purchase.teleport", "it-IT", "formale"))
                .isInstanceOf(UnknownTemplateException.class)
                .hasMessageContaining("post-purchase.teleport");
    }
}
