package it.attimo.aws.http;

import it.attimo.core.consent.OneClickUnsubscribe;
import it.attimo.core.message.CustomerLinkToken;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET|POST /unsubscribe/{token}} (RFC 8058). {@code POST} with the body {@code List-Unsubscribe=One-Click}
 * (form-encoded or multipart) withdraws e-mail marketing consent and answers 200 with a short page: no redirect, no
 * cookie. {@code GET} only shows a confirmation page whose button posts that body (a mail scanner following the link
 * changes nothing). A link that does not stand answers 404 (malformed) or 403 (forged, another purpose, expired) with
 * a page that names no customer. Pages are small Italian HTML, readable on a phone.
 */
public final class UnsubscribeHttp {
    /** The body RFC 8058 requires of a one-click unsubscribe. */
    public static final String ONE_CLICK_KEY = "List-Unsubscribe";

    public static final String ONE_CLICK_VALUE = "One-Click";
    private static final Pattern MULTIPART_BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");

    private UnsubscribeHttp() {}

    public static HttpApiResponse confirmationPage(OneClickUnsubscribe unsubscribe, HttpApiRequest request) {
        String token = request.pathParameter("token");
        try {
            unsubscribe.check(token);
        } catch (CustomerLinkToken.Rejected rejected) {
            return refused(rejected);
        }
        return page(
                200,
                "Disiscrizione",
                "<h1>Non vuoi più ricevere le nostre offerte?</h1>"
                        + "<p>Confermando non ti invieremo più e-mail promozionali né sondaggi. Continuerai a ricevere"
                        + " le comunicazioni sui tuoi ordini (spedizioni, ritardi, resi).</p>"
                        + "<form method=\"post\" action=\"\">"
                        + "<input type=\"hidden\" name=\"" + ONE_CLICK_KEY + "\" value=\"" + ONE_CLICK_VALUE + "\">"
                        + "<button type=\"submit\">Annulla l'iscrizione</button>"
                        + "</form>");
    }

    public static HttpApiResponse oneClick(OneClickUnsubscribe unsubscribe, HttpApiRequest request) {
        try {
            // the link first: whatever the body, a link that does not stand gets only "not valid"
            unsubscribe.check(request.pathParameter("token"));
        } catch (CustomerLinkToken.Rejected rejected) {
            return refused(rejected);
        }
        if (!isOneClick(request)) {
            return page(
                    400,
                    "Richiesta non valida",
                    "<h1>Richiesta non valida</h1><p>Per annullare l'iscrizione usa il pulsante nella pagina del"
                            + " link ricevuto via e-mail.</p>");
        }
        try {
            unsubscribe.unsubscribe(request.pathParameter("token"));
        } catch (CustomerLinkToken.Rejected rejected) {
            return refused(rejected);
        }
        return page(
                200,
                "Disiscrizione confermata",
                "<h1>Fatto: iscrizione annullata</h1><p>Non riceverai più e-mail promozionali né sondaggi. Le"
                        + " comunicazioni sui tuoi ordini continueranno ad arrivare.</p>");
    }

    /** Whether the body is {@code List-Unsubscribe=One-Click}, form-encoded or as a multipart field. */
    static boolean isOneClick(HttpApiRequest request) {
        String type = request.header("Content-Type");
        String body = request.bodyText();
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            Matcher m = MULTIPART_BOUNDARY.matcher(type);
            if (!m.find()) return false;
            for (String part : body.split(Pattern.quote("--" + m.group(1)))) {
                int split = part.indexOf("\r\n\r\n");
                int sep = 4;
                if (split < 0) {
                    split = part.indexOf("\n\n");
                    sep = 2;
                }
                if (split < 0) continue;
                String head = part.substring(0, split).toLowerCase(Locale.ROOT);
                String value = part.substring(split + sep).strip();
                if (head.contains("name=\"" + ONE_CLICK_KEY.toLowerCase(Locale.ROOT) + "\"")
                        && ONE_CLICK_VALUE.equals(value)) return true;
            }
            return false;
        }
        for (String pair : body.strip().split("&")) {
            int eq = pair.indexOf('=');
            if (eq < 0) continue;
            String key;
            String value;
            try {
                key = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
                value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException badEscape) {
                continue; // "%=" and the like: not the one-click pair, whatever else the body holds
            }
            if (ONE_CLICK_KEY.equals(key) && ONE_CLICK_VALUE.equals(value)) return true;
        }
        return false;
    }

    private static HttpApiResponse refused(CustomerLinkToken.Rejected rejected) {
        boolean malformed = rejected.reason() == CustomerLinkToken.Rejected.Reason.MALFORMED;
        return page(
                malformed ? 404 : 403,
                "Link non valido",
                "<h1>Questo link non è valido</h1><p>Il link potrebbe essere scaduto o incompleto. Usa il link"
                        + " dell'e-mail più recente che hai ricevuto.</p>");
    }

    static HttpApiResponse page(int status, String title, String content) {
        return page(status, title, content, "it", "");
    }

    /** A page in {@code lang} with {@code style} added to the shared rules. */
    static HttpApiResponse page(int status, String title, String content, String lang, String style) {
        String html = "<!doctype html><html lang=\"" + lang + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<meta name=\"robots\" content=\"noindex\"><title>" + title + "</title>"
                + "<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;"
                + "line-height:1.5;color:#222}button{font-size:1.1rem;padding:.8rem 1.2rem;width:100%;border:0;"
                + "border-radius:.4rem;background:#1f5fbf;color:#fff}" + style + "</style></head><body>"
                + content + "</body></html>";
        return new HttpApiResponse(
                status,
                html,
                Map.of(
                        HttpApiResponse.CONTENT_TYPE,
                        "text/html; charset=utf-8",
                        "Cache-Control",
                        "no-store",
                        "X-Content-Type-Options",
                        "nosniff",
                        "Referrer-Policy",
                        "no-referrer"));
    }
}
