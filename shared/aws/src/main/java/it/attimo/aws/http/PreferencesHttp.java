package it.attimo.aws.http;

import it.attimo.core.consent.PreferenceCentre;
import it.attimo.core.customer.Preferences;
import it.attimo.core.error.BadRequest;
import it.attimo.core.error.NotFound;
import it.attimo.core.ingest.FormBody;
import it.attimo.core.message.CustomerLinkToken;
import it.attimo.core.timing.TimeBand;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET|POST /preferences/{token}}: the preference centre, a small server-rendered page readable on a phone, in
 * Italian ({@code ?lang=en}: English). {@code GET} shows what the profile holds and changes nothing; {@code POST}
 * (form-encoded, the page's own form) saves and shows the page again with what is now stored. A link that does not
 * stand answers 404 (malformed, or no such customer) or 403 (forged, another purpose, expired) with a page that names
 * no customer; a value the page does not offer is a 400 and changes nothing.
 */
public final class PreferencesHttp {
    static final int MAX_BODY = 16 * 1024;
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("d/M/yyyy HH:mm", Locale.ITALIAN).withZone(ZoneId.of("Europe/Rome"));

    private static final String STYLE = "fieldset{border:1px solid #ccd;border-radius:.4rem;margin:1rem 0;padding:.5rem"
            + " .8rem}legend{font-weight:600;padding:0 .3rem}label{display:block;padding:.45rem 0;font-size:1.05rem}"
            + "input[type=checkbox],input[type=radio]{transform:scale(1.3);margin-right:.6rem}.hint,.when{color:#555;"
            + "font-size:.9rem}.saved{background:#e6f4ea;border-radius:.4rem;padding:.6rem .8rem}.lang{text-align:right}";

    private PreferencesHttp() {}

    private static HttpApiResponse page(int status, String title, String content, boolean en) {
        return UnsubscribeHttp.page(status, title, content, en ? "en" : "it", STYLE);
    }

    public static HttpApiResponse show(PreferenceCentre centre, HttpApiRequest request) {
        boolean en = english(request);
        try {
            return page(
                    200,
                    en ? "Your preferences" : "Le tue preferenze",
                    form(centre.show(request.pathParameter("token")), en, false),
                    en);
        } catch (CustomerLinkToken.Rejected rejected) {
            return refused(rejected.reason() == CustomerLinkToken.Rejected.Reason.MALFORMED ? 404 : 403, en);
        } catch (NotFound unknown) {
            return refused(404, en);
        }
    }

    public static HttpApiResponse save(PreferenceCentre centre, HttpApiRequest request) {
        boolean en = english(request);
        String token = request.pathParameter("token");
        try {
            // the link first: whatever the body, a link that does not stand gets only "not valid"
            centre.show(token);
            String type = request.header("Content-Type");
            if (type != null && !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded"))
                return invalid(415, en ? "Send the page's form (form-encoded)." : "Invia il modulo della pagina.", en);
            if (request.body().length > MAX_BODY)
                return invalid(413, en ? "The form is too large." : "Il modulo è troppo grande.", en);
            Map<String, List<String>> form = FormBody.parseAll(request.body());
            PreferenceCentre.Saved saved = centre.save(token, form);
            return page(200, en ? "Preferences saved" : "Preferenze salvate", form(saved.page(), en, true), en);
        } catch (CustomerLinkToken.Rejected rejected) {
            return refused(rejected.reason() == CustomerLinkToken.Rejected.Reason.MALFORMED ? 404 : 403, en);
        } catch (NotFound unknown) {
            return refused(404, en);
        } catch (BadRequest bad) {
            return invalid(400, bad.getMessage(), en);
        }
    }

    private static String form(PreferenceCentre.Page page, boolean en, boolean saved) {
        StringBuilder h = new StringBuilder();
        h.append("<p class=\"lang\"><a href=\"?lang=")
                .append(en ? "it\" hreflang=\"it\">Italiano" : "en\" hreflang=\"en\">English")
                .append("</a></p>");
        if (saved) {
            h.append("<p class=\"saved\" role=\"status\" id=\"saved\">")
                    .append(en ? "Saved. This is what we now hold:" : "Salvato. Ecco cosa abbiamo registrato:")
                    .append("</p>");
        }
        h.append("<h1>")
                .append(en ? "How we contact you" : "Come vuoi essere contattato")
                .append("</h1>");
        if (page.updatedAt() != null) {
            h.append("<p class=\"when\" id=\"updated\">")
                    .append(en ? "Last saved: " : "Ultimo aggiornamento: ")
                    .append(WHEN.format(page.updatedAt()))
                    .append("</p>");
        }
        h.append("<form method=\"post\" action=\"").append(en ? "?lang=en" : "").append("\">");
        h.append("<input type=\"hidden\" name=\"stamp\" value=\"")
                .append(esc(page.stamp()))
                .append("\">");

        h.append("<fieldset><legend>").append(en ? "Channels" : "Canali").append("</legend>");
        h.append("<p class=\"hint\">")
                .append(
                        en
                                ? "Where we may write to you, orders included. Unticked: we do not write there."
                                : "Dove possiamo scriverti, anche per i tuoi ordini. Se togli la spunta non ti scriveremo lì.")
                .append("</p>");
        for (Map.Entry<String, Boolean> c : page.channels().entrySet()) {
            checkbox(h, "consent." + c.getKey(), channelLabel(c.getKey(), en), c.getValue());
        }
        h.append("</fieldset>");

        h.append("<fieldset><legend>").append(en ? "Topics" : "Argomenti").append("</legend>");
        for (String t : Preferences.TOPICS) {
            checkbox(h, "topic." + t, topicLabel(t, en), page.topics().getOrDefault(t, true));
        }
        h.append("<p class=\"hint\">")
                .append(
                        en
                                ? "Delivery delays and returns always reach you: they are part of your order."
                                : "Ritardi di consegna e resi ti arrivano sempre: fanno parte del tuo ordine.")
                .append("</p></fieldset>");

        h.append("<fieldset><legend>")
                .append(en ? "Preferred channel" : "Canale preferito")
                .append("</legend>");
        radio(h, "preferredChannel", "", en ? "No preference" : "Nessuna preferenza", page.preferredChannel() == null);
        for (String c : page.channels().keySet()) {
            radio(h, "preferredChannel", c, channelLabel(c, en), c.equals(page.preferredChannel()));
        }
        h.append("</fieldset>");

        h.append("<fieldset><legend>")
                .append(en ? "Preferred time" : "Fascia oraria preferita")
                .append("</legend>");
        radio(h, "timeBand", "", en ? "Any time" : "Nessuna preferenza", page.timeBand() == null);
        for (TimeBand b : TimeBand.values()) {
            radio(h, "timeBand", b.id(), b.label(en), b.id().equals(page.timeBand()));
        }
        h.append("</fieldset>");

        h.append("<fieldset><legend>").append(en ? "Interests" : "Interessi").append("</legend>");
        h.append("<input type=\"hidden\" name=\"interests\" value=\"\">");
        for (Map.Entry<String, String> c : page.categories().entrySet()) {
            String id = "interests-" + esc(c.getKey());
            h.append("<label for=\"")
                    .append(id)
                    .append("\"><input type=\"checkbox\" name=\"interests\" id=\"")
                    .append(id)
                    .append("\" value=\"")
                    .append(esc(c.getKey()))
                    .append('"')
                    .append(page.interests().contains(c.getKey()) ? " checked" : "")
                    .append("> ")
                    .append(esc(c.getValue().isBlank() ? c.getKey() : c.getValue()))
                    .append("</label>");
        }
        h.append("</fieldset>");
        h.append("<button type=\"submit\" id=\"save\">")
                .append(en ? "Save" : "Salva")
                .append("</button></form>");
        return h.toString();
    }

    /** A hidden "no" before the box, so an unticked box is sent as a choice and not as nothing. */
    private static void checkbox(StringBuilder h, String name, String label, boolean checked) {
        String id = esc(name.replace('.', '-'));
        h.append("<input type=\"hidden\" name=\"").append(esc(name)).append("\" value=\"no\">");
        h.append("<label for=\"")
                .append(id)
                .append("\"><input type=\"checkbox\" name=\"")
                .append(esc(name))
                .append("\" id=\"")
                .append(id)
                .append("\" value=\"yes\"")
                .append(checked ? " checked" : "")
                .append("> ")
                .append(label)
                .append("</label>");
    }

    private static void radio(StringBuilder h, String name, String value, String label, boolean checked) {
        String id = esc(name + "-" + (value.isEmpty() ? "none" : value));
        h.append("<label for=\"")
                .append(id)
                .append("\"><input type=\"radio\" name=\"")
                .append(name)
                .append("\" id=\"")
                .append(id)
                .append("\" value=\"")
                .append(esc(value))
                .append('"')
                .append(checked ? " checked" : "")
                .append("> ")
                .append(label)
                .append("</label>");
    }

    private static String channelLabel(String channel, boolean en) {
        return switch (channel) {
            case "email" -> "E-mail";
            case "sms" -> "SMS";
            case "push" -> en ? "App notifications" : "Notifiche dell'app";
            default -> esc(channel);
        };
    }

    private static String topicLabel(String topic, boolean en) {
        return switch (topic) {
            case Preferences.SERVIZIO ->
                en
                        ? "Service: getting started and help with what you bought"
                        : "Servizio: consigli d'uso e assistenza su ciò che hai acquistato";
            case Preferences.OFFERTE -> en ? "Offers and promotions" : "Offerte e promozioni";
            case Preferences.SONDAGGI -> en ? "Surveys on your experience" : "Sondaggi sulla tua esperienza";
            case Preferences.NOVITA -> en ? "News and stories" : "Novità e storie dei clienti";
            default -> esc(topic);
        };
    }

    private static HttpApiResponse refused(int status, boolean en) {
        return page(
                status,
                en ? "Invalid link" : "Link non valido",
                en
                        ? "<h1>This link is not valid</h1><p>It may have expired or be incomplete. Use the link in the"
                                + " most recent e-mail you received.</p>"
                        : "<h1>Questo link non è valido</h1><p>Il link potrebbe essere scaduto o incompleto. Usa il"
                                + " link dell'e-mail più recente che hai ricevuto.</p>",
                en);
    }

    private static HttpApiResponse invalid(int status, String why, boolean en) {
        return page(
                status,
                en ? "Invalid request" : "Richiesta non valida",
                "<h1>" + (en ? "Invalid request" : "Richiesta non valida") + "</h1><p>" + esc(why) + "</p><p>"
                        + (en ? "Nothing was changed." : "Non è stato modificato nulla.") + "</p>",
                en);
    }

    private static boolean english(HttpApiRequest request) {
        String q = request.rawQuery();
        if (q == null) return false;
        for (String pair : q.split("&")) if (pair.equals("lang=en")) return true;
        return false;
    }

    static String esc(String s) {
        if (s == null) return "";
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
