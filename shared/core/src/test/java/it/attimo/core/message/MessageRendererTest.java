package it.attimo.core.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import it.attimo.core.channel.Channel;
import it.attimo.core.customer.Contact;
import it.attimo.core.customer.Location;
import it.attimo.core.customer.Preferences;
import it.attimo.core.customer.Profile;
import it.attimo.core.customer.Segment;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.port.EventLog;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MessageRendererTest {
    static final String BASE = "https://shop.example";
    static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String KEY = "c-1#post-purchase-c-1-o-1#welcome";
    final CustomerLinkToken tokens = new CustomerLinkToken("renderer-test-secret", CLOCK);
    final MessageRenderer renderer = MessageRenderer.bundled(BASE + "/", tokens);

    static final Order MICROWAVE = new Order(
            "o-1",
            List.of(
                    new Order.Item("MW-100", "Forno a microonde Combi 25 L", "elettrodomestici", 189.0),
                    new Order.Item("ACC-EL-002", "Filtro anticalcare di ricambio", "elettrodomestici", 12.5)));

    static MessageInput input(
            String journey,
            String step,
            Channel channel,
            String kind,
            Segment segment,
            String area,
            String tone,
            String firstName,
            Order order,
            Map<String, String> context) {
        return new MessageInput(
                "c-1", journey, step, channel, kind, KEY, segment, area, tone, firstName, order, context, null);
    }

    static MessageInput postPurchase(String step, String kind, Segment segment, String area, String firstName) {
        return input(
                "post-purchase",
                step,
                Channel.EMAIL,
                kind,
                segment,
                area,
                null,
                firstName,
                MICROWAVE,
                Map.of("orderId", "o-1"));
    }

    @Test
    void theRegisterFollowsAreaAndSegmentAndTheProfileOverridesIt() {
        RenderedMessage milan =
                renderer.render(postPurchase("welcome", "service", Segment.B2C, "Nord-ovest", "Giulia"));
        assertThat(milan.tone()).isEqualTo("formale");
        assertThat(milan.text()).startsWith("Buongiorno Giulia,").contains("La ringraziamo");

        RenderedMessage naples = renderer.render(postPurchase("welcome", "service", Segment.B2C, "Sud", "Salvo"));
        assertThat(naples.tone()).isEqualTo("informale");
        assertThat(naples.text()).startsWith("Ciao Salvo,").contains("grazie per averci scelto");
        assertThat(naples.subject()).isNotEqualTo(milan.subject());

        assertThat(renderer.render(postPurchase("welcome", "service", Segment.B2C, "Isole", null))
                        .tone())
                .isEqualTo("informale");
        assertThat(renderer.render(postPurchase("welcome", "service", Segment.B2C, "Centro", null))
                        .tone())
                .isEqualTo("formale");
        assertThat(renderer.render(postPurchase("welcome", "service", Segment.B2B, "Sud", null))
                        .tone())
                .as("b2b is formal in the South too")
                .isEqualTo("formale");

        RenderedMessage overridden = renderer.render(input(
                "post-purchase", "welcome", Channel.EMAIL, "service", Segment.B2C, "Sud", "formal", null, null, null));
        assertThat(overridden.tone()).isEqualTo("formale");
        assertThat(overridden.text()).startsWith("Buongiorno,");
        RenderedMessage informalNorth = renderer.render(input(
                "post-purchase",
                "welcome",
                Channel.EMAIL,
                "service",
                Segment.B2B,
                "Nord-est",
                "informale",
                null,
                null,
                null));
        assertThat(informalNorth.text()).startsWith("Ciao,");
    }

    @Test
    void withoutAFirstNameTheGreetingStillReadsWell() {
        RenderedMessage m = renderer.render(postPurchase("survey", "survey", Segment.B2C, "Nord-ovest", null));
        assertThat(m.text()).startsWith("Buongiorno,\n\n");
        assertThat(m.text()).doesNotContain("{{").doesNotContain("  ").doesNotContain("null");
        RenderedMessage blank = renderer.render(postPurchase("survey", "survey", Segment.B2C, "Sud", "  "));
        assertThat(blank.text()).startsWith("Ciao,\n\n");
    }

    @Test
    void theWelcomeCarriesVideoGuideSupportAndTheQrCode() {
        RenderedMessage m = renderer.render(postPurchase("welcome", "service", Segment.B2C, "Nord-ovest", "Giulia"));
        assertThat(m.subject()).isEqualTo("Il Suo ordine è arrivato: ecco come iniziare");
        assertThat(m.links()).containsOnlyKeys("video", "guide", "support", "qr", "preferences");
        assertThat(m.links().get("preferences")).startsWith(BASE + "/preferences/v1.");
        assertThat(m.text()).contains("dalle Sue preferenze: " + m.links().get("preferences"));
        assertThat(m.links().get("video"))
                .isEqualTo(BASE + "/contenuti/video/tutorial-elettrodomestici?m=c-1%23post-purchase-c-1-o-1%23welcome");
        assertThat(m.links().get("qr")).isEqualTo(BASE + "/qr/support.png");
        assertThat(m.text())
                .contains("Forno a microonde Combi 25 L")
                .contains(m.links().get("video"))
                .contains(m.links().get("qr"));
        assertThat(m.html())
                .startsWith("<!DOCTYPE html>")
                .contains("<p>Buongiorno Giulia,</p>")
                .contains("<a href=\"" + m.links().get("guide") + "\">");
        assertThat(m.coupon()).isNull();
        assertThat(m.experiment()).isNull();
        assertThat(renderer.supportQrTarget()).isEqualTo(BASE + "/assistenza?via=qr");
    }

    @Test
    void everyMarketingEmailHasAWorkingUnsubscribeLink() {
        RenderedMessage m = renderer.render(postPurchase("repurchase", "marketing", Segment.B2C, "Centro", "Marco"));
        String unsubscribe = m.links().get("unsubscribe");
        assertThat(unsubscribe).startsWith(BASE + "/unsubscribe/v1.");
        String token = unsubscribe.substring((BASE + "/unsubscribe/").length());
        assertThat(tokens.verify(token, MessageRenderer.UNSUBSCRIBE)).isEqualTo("c-1");
        assertThat(m.text()).contains("disiscriversi").contains(unsubscribe);
        assertThat(m.links()).containsKey("offer");
        assertThat(m.headers())
                .containsExactly(
                        Map.entry("List-Unsubscribe", "<" + unsubscribe + ">"),
                        Map.entry("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"));

        RenderedMessage caseStudy = renderer.render(input(
                "onboarding-72h",
                "case-study",
                Channel.EMAIL,
                "marketing",
                Segment.B2B,
                "Nord-ovest",
                null,
                null,
                null,
                null));
        assertThat(caseStudy.links()).containsKeys("unsubscribe", "caseStudy", "portal");

        RenderedMessage service = renderer.render(postPurchase("welcome", "service", Segment.B2C, "Centro", null));
        assertThat(service.links()).doesNotContainKey("unsubscribe");
        assertThat(service.headers()).isEmpty();
        assertThat(service.text()).doesNotContain("disiscriv");
        RenderedMessage sms = renderer.render(input(
                "post-purchase",
                "repurchase",
                Channel.SMS,
                "marketing",
                Segment.B2C,
                "Centro",
                null,
                null,
                MICROWAVE,
                Map.of("orderId", "o-1")));
        assertThat(sms.links()).doesNotContainKey("unsubscribe");
        assertThat(sms.headers()).isEmpty();
        assertThat(sms.subject()).isNull();
        assertThat(sms.html()).isNull();
        assertThat(sms.text()).doesNotStartWith("Oggetto");
    }

    @Test
    void everyMessageWithLinksLeadsToThePreferenceCentreWithItsOwnToken() {
        RenderedMessage apology = renderer.render(input(
                "delivery-delay",
                "apology",
                Channel.EMAIL,
                "transactional",
                Segment.B2C,
                "Sud",
                null,
                "Anna",
                MICROWAVE,
                Map.of("orderId", "o-1")));
        String link = apology.links().get(MessageRenderer.PREFERENCES);
        assertThat(link).startsWith(BASE + "/preferences/v1.");
        String token = link.substring((BASE + "/preferences/").length());
        assertThat(tokens.verify(token, MessageRenderer.PREFERENCES)).isEqualTo("c-1");
        assertThatThrownBy(() -> tokens.verify(token, MessageRenderer.UNSUBSCRIBE))
                .isInstanceOf(CustomerLinkToken.Rejected.class);
        assertThat(apology.text()).contains("preferenze: " + link);

        RenderedMessage sms = renderer.render(input(
                "post-purchase",
                "welcome",
                Channel.SMS,
                "service",
                Segment.B2C,
                "Centro",
                null,
                null,
                MICROWAVE,
                Map.of("orderId", "o-1")));
        assertThat(sms.links()).containsKey(MessageRenderer.PREFERENCES);

        RenderedMessage noLinks = renderer.render(input(
                "consent",
                "sms-stop-confirmation",
                Channel.SMS,
                "service",
                Segment.B2C,
                "Centro",
                null,
                null,
                null,
                Map.of()));
        assertThat(noLinks.links()).isEmpty();

        MessageRenderer unsigned = MessageRenderer.bundled(BASE, (CustomerLinkToken) null);
        RenderedMessage welcome = unsigned.render(postPurchase("welcome", "service", Segment.B2C, "Sud", null));
        assertThat(welcome.links()).doesNotContainKey(MessageRenderer.PREFERENCES);
        assertThat(welcome.text()).doesNotContain("preferenze:");
    }

    @Test
    void withoutASecretAMarketingEmailFailsLoudly() {
        MessageRenderer unsigned = MessageRenderer.bundled(BASE, (CustomerLinkToken) null);
        assertThatThrownBy(() -> unsigned.render(postPurchase("accessories", "marketing", Segment.B2C, "Sud", null)))
                .isInstanceOf(MessageRenderingException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("post-purchase.accessories")
                .hasMessageContaining("unsubscribe");
        assertThat(unsigned.render(postPurchase("welcome", "service", Segment.B2C, "Sud", null))
                        .text())
                .isNotBlank();
    }

    @Test
    void theApologyShowsItsCouponAndTheCouponLink() {
        MessageInput in = input(
                "delivery-delay",
                "apology",
                Channel.EMAIL,
                "transactional",
                Segment.B2C,
                "Sud",
                null,
                "Rosaria",
                null,
                Map.of("orderId", "o-9", "coupon", "SCUSA-7K2Q9"));
        RenderedMessage m = renderer.render(in);
        assertThat(m.coupon()).isEqualTo("SCUSA-7K2Q9");
        assertThat(m.text()).startsWith("Ciao Rosaria,").contains("SCUSA-7K2Q9").contains("o-9");
        assertThat(m.links().get("coupon"))
                .isEqualTo(BASE + "/coupon/SCUSA-7K2Q9?m=c-1%23post-purchase-c-1-o-1%23welcome");
        assertThat(m.links()).containsKeys("support", "person");

        RenderedMessage sms = renderer.render(input(
                "delivery-delay",
                "apology",
                Channel.SMS,
                "transactional",
                Segment.B2B,
                "Sud",
                null,
                null,
                null,
                Map.of("coupon", "SCUSA-1")));
        assertThat(sms.text()).startsWith("Buongiorno, ci scusiamo").contains("SCUSA-1");

        RenderedMessage noCoupon = renderer.render(input(
                "delivery-delay",
                "apology",
                Channel.EMAIL,
                "transactional",
                Segment.B2C,
                "Nord-ovest",
                null,
                null,
                null,
                Map.of()));
        assertThat(noCoupon.coupon()).isNull();
        assertThat(noCoupon.links()).doesNotContainKey("coupon");
        assertThat(noCoupon.text()).doesNotContain("buono").contains("ci scusiamo".substring(0, 2));
    }

    @Test
    void theContextualStepPicksTestimonialsByCategoryAndArea() {
        RenderedMessage north = renderer.render(postPurchase("contextual", "service", Segment.B2C, "Nord-ovest", null));
        RenderedMessage south = renderer.render(postPurchase("contextual", "service", Segment.B2C, "Isole", null));
        RenderedMessage centre = renderer.render(postPurchase("contextual", "service", Segment.B2C, "Centro", null));
        assertThat(north.text()).contains("Chiara, Bergamo").doesNotContain("Rosaria, Bari");
        assertThat(south.text()).contains("Rosaria, Bari").doesNotContain("Chiara, Bergamo");
        assertThat(centre.text()).contains("Marco, Perugia");
        assertThat(north.links()).containsKeys("faq", "person", "guide");
        assertThat(north.links().get("faq")).contains("/assistenza/faq/elettrodomestici");

        Order garden = new Order("o-2", List.of(new Order.Item("G-1", "Gazebo in legno 3x3", "giardino", 420.0)));
        RenderedMessage gardenSouth = renderer.render(input(
                "post-purchase",
                "contextual",
                Channel.EMAIL,
                "service",
                Segment.B2C,
                "Sud",
                null,
                null,
                garden,
                Map.of("orderId", "o-2")));
        assertThat(gardenSouth.text()).contains("Salvatore, Catania").contains("Gazebo in legno 3x3");

        RenderedMessage unknown = renderer.render(input(
                "post-purchase", "contextual", Channel.EMAIL, "service", Segment.B2C, null, null, null, null, null));
        assertThat(unknown.text())
                .as("no order, no area: the default category's Nord case")
                .contains("Paola, Milano");
        assertThat(unknown.links().get("guide")).contains("/contenuti/guide/generale");
    }

    @Test
    void theAccessoriesComeFromTheCatalogueOfTheOrdersCategory() {
        RenderedMessage m = renderer.render(postPurchase("accessories", "marketing", Segment.B2C, "Nord-est", null));
        assertThat(m.text())
                .contains("Set di contenitori in vetro per microonde, 24,90 €")
                .contains("Estensione di garanzia 2 anni, 39,00 €")
                .contains(BASE + "/catalogo/ACC-EL-001")
                .contains("«Elettrodomestici»");
        assertThat(m.text()).as("already in the order").doesNotContain("Filtro anticalcare");
        assertThat(m.text()).doesNotContain("Custodia protettiva");

        Order phone = new Order("o-3", List.of(new Order.Item("PH-1", "Smartphone", "elettronica", 499.0)));
        RenderedMessage electronics = renderer.render(input(
                "post-purchase",
                "accessories",
                Channel.EMAIL,
                "marketing",
                Segment.B2C,
                "Sud",
                null,
                null,
                phone,
                Map.of("orderId", "o-3")));
        assertThat(electronics.text()).contains("Custodia protettiva").doesNotContain("microonde");

        Order other = new Order("o-4", List.of(new Order.Item("X-1", "Bicicletta", "ciclismo", 300.0)));
        RenderedMessage fallback = renderer.render(input(
                "post-purchase",
                "accessories",
                Channel.EMAIL,
                "marketing",
                Segment.B2C,
                "Sud",
                null,
                null,
                other,
                Map.of("orderId", "o-4")));
        assertThat(fallback.text()).contains("Kit di pulizia e manutenzione").doesNotContain("categoria «");
    }

    @Test
    void theRepurchaseEmailSuggestsFromTheCustomersInterestsButNotTheOrdersOwnCategory() {
        MessageInput plain = postPurchase("repurchase", "marketing", Segment.B2C, "Sud", "Salvo");
        assertThat(renderer.render(plain).text()).doesNotContain("interessi");

        MessageInput withInterests = new MessageInput(
                "c-1",
                "post-purchase",
                "repurchase",
                Channel.EMAIL,
                "marketing",
                KEY,
                Segment.B2C,
                "Sud",
                null,
                "Salvo",
                MICROWAVE,
                Map.of("orderId", "o-1"),
                List.of("elettrodomestici", "sconosciuta", "elettronica", "arredamento"));
        String text = renderer.render(withInterests).text();
        assertThat(text).contains("tra i tuoi interessi").contains(BASE + "/catalogo/ACC-ET-001");
        assertThat(text)
                .as("the order's own category is what the offer link is about; an unknown category says nothing")
                .doesNotContain("/catalogo/ACC-EL-")
                .doesNotContain("/catalogo/ACC-GEN-");
        assertThat(text.lines().filter(l -> l.startsWith("- ")).count())
                .as("at most three, electronics first as chosen")
                .isEqualTo(3);
        assertThat(text).doesNotContain("/catalogo/ACC-AR-");
    }

    @Test
    void anExperimentArmIsReportedOnlyWithBothIdAndArm() {
        RenderedMessage m = renderer.render(input(
                "post-purchase",
                "tutorial",
                Channel.EMAIL,
                "service",
                Segment.B2C,
                "Nord-ovest",
                null,
                null,
                null,
                Map.of("experimentId", "tutorial-timing", "experimentArm", "tutorial-24h")));
        assertThat(m.experiment()).isEqualTo(new RenderedMessage.ExperimentArm("tutorial-timing", "tutorial-24h"));
        RenderedMessage half = renderer.render(input(
                "post-purchase",
                "tutorial",
                Channel.EMAIL,
                "service",
                Segment.B2C,
                "Nord-ovest",
                null,
                null,
                null,
                Map.of("experimentId", "tutorial-timing")));
        assertThat(half.experiment()).isNull();
        assertThat(half.text()).contains("il Suo acquisto");
    }

    @Test
    void pushAndSmsUseTheirOwnShortTextElseTheEmailBody() {
        RenderedMessage push = renderer.render(input(
                "post-purchase",
                "welcome",
                Channel.PUSH,
                "service",
                Segment.B2C,
                "Sud",
                null,
                "Salvo",
                MICROWAVE,
                Map.of("orderId", "o-1")));
        assertThat(push.text()).startsWith("Il tuo ordine è arrivato!").hasSizeLessThan(200);
        RenderedMessage smsFallback = renderer.render(
                input("post-purchase", "tutorial", Channel.SMS, "service", Segment.B2C, "Sud", null, null, null, null));
        assertThat(smsFallback.text()).startsWith("Ciao,");
        assertThat(smsFallback.subject()).isNull();
    }

    @Test
    void anUnknownStepIsAClearRenderingError() {
        assertThatThrownBy(() -> renderer.render(input(
                        "post-purchase",
                        "teleport",
                        Channel.EMAIL,
                        "service",
                        Segment.B2C,
                        "Sud",
                        null,
                        null,
                        null,
                        null)))
                .isInstanceOf(MessageRenderingException.class)
                .hasMessageContaining("post-purchase.teleport");
        assertThatThrownBy(() -> renderer.render(input(
                        "../etc", "passwd", Channel.EMAIL, "service", Segment.B2C, "Sud", null, null, null, null)))
                .isInstanceOf(MessageRenderingException.class);
        assertThat(renderer.templates().covers("post-purchase", "welcome")).isTrue();
        assertThat(renderer.templates().covers("post-purchase", "teleport")).isFalse();
    }

    @Test
    void theDispatchInputReadsTheOrderFromTheLogAndTheNameFromTheContact() {
        List<CustomerEvent> log = new ArrayList<>();
        log.add(CustomerEvent.of(
                "e1",
                "order.placed",
                "c-1",
                NOW.minusSeconds(7200),
                Map.of(
                        "orderId",
                        "o-1",
                        "items",
                        List.of(Map.of(
                                "sku", "MW-100", "name", "Forno", "category", "elettrodomestici", "price", 189)))));
        log.add(CustomerEvent.of("e2", "order.delivered", "c-1", NOW.minusSeconds(60), Map.of("orderId", "o-1")));
        log.add(CustomerEvent.of(
                "e3",
                "order.placed",
                "c-1",
                NOW,
                Map.of("orderId", "o-2", "items", List.of(Map.of("sku", "PH-1", "category", "elettronica")))));
        EventLog events = new EventLog() {
            @Override
            public boolean append(CustomerEvent event) {
                return false;
            }

            @Override
            public List<CustomerEvent> history(String customerId) {
                return log;
            }

            @Override
            public void erase(String customerId) {}

            @Override
            public void erase(String customerId, Instant erasedAt) {}

            @Override
            public Optional<Instant> erasedAt(String customerId) {
                return Optional.empty();
            }
        };
        Profile profile = new Profile(
                "c-1",
                Segment.B2C,
                new Location("063049", "Napoli", "NA", "Napoli", "Campania", "Sud"),
                "it-IT",
                "informale",
                Map.of(),
                0,
                null,
                List.of(),
                Map.of(),
                null,
                null,
                List.of(),
                List.of(),
                Map.of(),
                null,
                0);
        MessageInput in = MessageRenderer.inputFor(
                "c-1",
                "post-purchase",
                "welcome",
                Channel.EMAIL,
                "service",
                KEY,
                profile,
                new Contact("c-1", "salvo@example.it", null, null, "Salvo"),
                Map.of("orderId", "o-1"),
                events);
        assertThat(in.order().orderId()).isEqualTo("o-1");
        assertThat(in.order().category()).isEqualTo("elettrodomestici");
        assertThat(in.macroArea()).isEqualTo("Sud");
        assertThat(in.firstName()).isEqualTo("Salvo");
        assertThat(in.toString()).doesNotContain("Salvo");
        RenderedMessage m = renderer.render(in);
        assertThat(m.text()).startsWith("Ciao Salvo,").contains("(Forno)");
        assertThat(m.toString()).doesNotContain("Salvo");

        assertThat(in.interests()).isEmpty();
        Profile interested = new Profile(
                profile.customerId(),
                profile.segment(),
                profile.location(),
                profile.locale(),
                profile.tone(),
                profile.consents(),
                profile.score(),
                profile.tier(),
                profile.scoreBreakdown(),
                profile.eventCounts(),
                profile.firstSeen(),
                profile.lastSeen(),
                profile.journeys(),
                profile.recentEvents(),
                profile.outcomes(),
                profile.scoredAt(),
                profile.version(),
                profile.churn(),
                new Preferences(null, null, List.of("giardino"), Map.of(), "preference-centre", NOW));
        assertThat(MessageRenderer.inputFor(
                                "c-1",
                                "post-purchase",
                                "repurchase",
                                Channel.EMAIL,
                                "marketing",
                                KEY,
                                interested,
                                null,
                                Map.of("orderId", "o-1"),
                                events)
                        .interests())
                .containsExactly("giardino");

        MessageInput none = MessageRenderer.inputFor(
                "c-1", "post-purchase", "welcome", Channel.EMAIL, "service", KEY, null, null, Map.of(), events);
        assertThat(none.order()).isNull();
        assertThat(none.firstName()).isNull();
        MessageInput missing = MessageRenderer.inputFor(
                "c-1",
                "post-purchase",
                "welcome",
                Channel.EMAIL,
                "service",
                KEY,
                profile,
                null,
                Map.of("orderId", "o-404"),
                events);
        assertThat(missing.order()).isNull();
        assertThat(renderer.render(missing).text()).doesNotContain("()");
    }
}
