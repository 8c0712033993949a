package it.attimo.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import it.attimo.core.channel.Channel;
import it.attimo.core.tray.TrayParty;
import it.attimo.core.tray.TrayTemplate;
import it.attimo.core.tray.TrayTemplates;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Tray messages ({@code tray-<template>} journeys) render from the generic {@code templates/tray/} texts. */
class TrayMessageRenderingTest {
    static final String BASE = "https://attimo.example";
    static final String TOKEN = "v1.abc-DEF_123";
    static final String CODE = "482913";

    final MessageRenderer renderer = MessageRenderer.bundled(BASE + "/", (CustomerLinkToken) null);

    @Test
    void aPartysTurnCarriesItsLinkInTheTextAndSpeaksOfTheTrayAndTheParty() {
        RenderedMessage m =
                render("tray-conferma-ordine", "customer-turn", Channel.EMAIL, ToneRule.FORMALE, turnContext());

        assertThat(m.links()).containsExactly(Map.entry("tray", BASE + "/tray/" + TOKEN));
        assertThat(m.subject()).isEqualTo("Tocca a Lei: Conferma d'ordine");
        assertThat(m.text()).startsWith("Buongiorno Giulia,").contains(BASE + "/tray/" + TOKEN, "(Cliente)");
        assertThat(m.html()).contains("<a href=\"" + BASE + "/tray/" + TOKEN + "\">");
        assertThat(m.tone()).isEqualTo(ToneRule.FORMALE);
    }

    @Test
    void theLinkTokenIsUrlEncodedAndAMessageWithoutTokenHasNoTrayLink() {
        Map<String, String> context = turnContext();
        context.put("trayToken", "a/b c");
        assertThat(render("tray-conferma-ordine", "customer-turn", Channel.SMS, ToneRule.FORMALE, context)
                        .links())
                .containsEntry("tray", BASE + "/tray/a%2Fb+c");

        context.remove("trayToken");
        assertThat(render("tray-conferma-ordine", "customer-turn", Channel.SMS, ToneRule.FORMALE, context)
                        .links())
                .doesNotContainKey("tray");
    }

    @Test
    void aCompletedTraysTurnTellsTheNotifiedPartyItIsDoneNotThatItIsTheirTurn() {
        Map<String, String> context = turnContext();
        context.put("party", "sales");
        context.put("partyLabel", "Commerciale");
        context.put("trayStatus", "completed");

        RenderedMessage formal = render("tray-conferma-ordine", "sales-turn", Channel.EMAIL, ToneRule.FORMALE, context);
        RenderedMessage informal =
                render("tray-conferma-ordine", "sales-turn", Channel.EMAIL, ToneRule.INFORMALE, context);

        assertThat(formal.subject()).isEqualTo("Documento completato: Conferma d'ordine");
        assertThat(formal.text())
                .contains("completato", BASE + "/tray/" + TOKEN)
                .doesNotContain("Tocca");
        assertThat(informal.text()).startsWith("Ciao Giulia,").contains("PDF");
    }

    @Test
    void theOneTimeCodeIsInTheOtpMessageOnlyNeverInAnotherStepsText() {
        Map<String, String> withCode = turnContext();
        withCode.remove("trayToken");
        withCode.put("otp", CODE);

        for (Channel channel : List.of(Channel.EMAIL, Channel.SMS)) {
            for (String tone : List.of(ToneRule.FORMALE, ToneRule.INFORMALE)) {
                RenderedMessage otp = render("tray-conferma-ordine", "otp", channel, tone, withCode);
                assertThat(otp.text()).as(channel + " " + tone).contains(CODE, "Conferma d'ordine");
                assertThat(otp.links()).isEmpty();
            }
        }
        // a code that leaked into another step's context is not written
        Map<String, String> turn = turnContext();
        turn.put("otp", CODE);
        for (String step : List.of("customer-turn", "customer-reminder", "rejected", "expired")) {
            RenderedMessage m = render("tray-conferma-ordine", step, Channel.EMAIL, ToneRule.FORMALE, turn);
            assertThat(m.text()).as(step).doesNotContain(CODE);
            assertThat(m.subject()).as(step).doesNotContain(CODE);
        }
    }

    @Test
    void aTemplatesOwnFileComesBeforeTheGenericOne() {
        TemplateCatalog catalog = renderer.templates();
        assertThat(catalog.resolve("tray-conferma-ordine", "customer-turn", Channel.SMS, ToneRule.FORMALE))
                .contains("tray/turn.sms.formale.mustache");
        assertThat(catalog.resolve("tray-conferma-ordine", "customer-reminder", Channel.PUSH, ToneRule.INFORMALE))
                .contains("tray/reminder.email.informale.mustache");
        assertThat(catalog.resolve("tray-conferma-ordine", "customer-unknown", Channel.EMAIL, ToneRule.FORMALE))
                .isEmpty();
        // not a tray's journey: no generic fallback
        assertThat(catalog.resolve("post-purchase", "customer-turn", Channel.EMAIL, ToneRule.FORMALE))
                .isEmpty();
        assertThat(TemplateCatalog.trayStep("tray-x", "warehouse-reminder")).contains("reminder");
        assertThat(TemplateCatalog.trayStep("tray-x", "otp")).contains("otp");
        assertThat(TemplateCatalog.trayStep("trayx", "otp")).isEmpty();
        assertThat(TemplateCatalog.trayStep(null, "otp")).isEmpty();
        assertThat(renderer.content().linksOf("tray-x", "warehouse-reminder")).containsExactly("tray");
        assertThat(renderer.content().kindOf("tray-x", "otp")).isEqualTo("service");
    }

    @Test
    void everyStepOfBothShippedTraysRendersOnEmailAndSmsInBothRegisters() {
        TrayTemplates trays = TrayTemplates.bundled();
        for (String name : List.of("conferma-ordine", "passaggio-consegne")) {
            TrayTemplate template = trays.find(name).orElseThrow();
            Set<String> steps = new LinkedHashSet<>();
            for (String party : template.turns()) {
                steps.add(party + "-turn");
                steps.add(party + "-reminder");
            }
            for (String party : template.notifyOnCompletion()) steps.add(party + "-turn");
            steps.addAll(List.of("otp", "rejected", "expired"));
            assertThat(steps).hasSizeGreaterThanOrEqualTo(8);

            for (String step : steps) {
                String party = step.contains("-") ? step.substring(0, step.lastIndexOf('-')) : template.creator();
                TrayParty p = template.party(party);
                Map<String, String> context = new LinkedHashMap<>();
                context.put("trayId", "tray-1");
                context.put("party", party);
                context.put("trayTitle", template.title());
                context.put("partyLabel", p.label());
                context.put("trayStatus", "waiting-" + party);
                if (step.equals("otp")) context.put("otp", CODE);
                else context.put("trayToken", TOKEN);
                for (Channel channel : List.of(Channel.EMAIL, Channel.SMS)) {
                    for (String tone : List.of(ToneRule.FORMALE, ToneRule.INFORMALE)) {
                        String what = name + "." + step + " " + channel.id() + " " + tone;
                        RenderedMessage m = render("tray-" + name, step, channel, tone, context);
                        assertThat(m.text())
                                .as(what)
                                .isNotBlank()
                                .contains(template.title())
                                .doesNotContain("{{")
                                .doesNotContain("null")
                                .doesNotContain("«»");
                        if (channel == Channel.EMAIL) {
                            assertThat(m.subject()).as(what).contains(template.title());
                            assertThat(m.text())
                                    .as(what)
                                    .startsWith(tone.equals(ToneRule.FORMALE) ? "Buongiorno" : "Ciao");
                        } else {
                            assertThat(m.subject()).as(what).isNull();
                            assertThat(m.text().length()).as(what).isLessThan(200);
                        }
                        if (step.equals("otp")) {
                            assertThat(m.text()).as(what).contains(CODE);
                        } else {
                            assertThat(m.links()).as(what).containsEntry("tray", BASE + "/tray/" + TOKEN);
                            assertThat(m.text()).as(what).contains(BASE + "/tray/" + TOKEN);
                        }
                    }
                }
            }
        }
    }

    private static Map<String, String> turnContext() {
        Map<String, String> context = new LinkedHashMap<>();
        context.put("trayId", "tray-1");
        context.put("party", "customer");
        context.put("trayTitle", "Conferma d'ordine");
        context.put("partyLabel", "Cliente");
        context.put("trayStatus", "waiting-customer");
        context.put("trayToken", TOKEN);
        return context;
    }

    private RenderedMessage render(
            String journey, String step, Channel channel, String tone, Map<String, String> context) {
        return renderer.render(new MessageInput(
                "c-1",
                journey,
                step,
                channel,
                "service",
                "c-1#tray-1#" + step,
                null,
                null,
                tone,
                "Giulia",
                null,
                context,
                null));
    }
}
