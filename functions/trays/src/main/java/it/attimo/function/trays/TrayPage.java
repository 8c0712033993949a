package it.attimo.function.trays;

import it.attimo.aws.http.HttpApiResponse;
import it.attimo.core.error.Conflict;
import it.attimo.core.error.Forbidden;
import it.attimo.core.error.NotFound;
import it.attimo.core.error.RequestRefused;
import it.attimo.core.tray.CreditAssessment;
import it.attimo.core.tray.PartyView;
import it.attimo.core.tray.Tray;
import it.attimo.core.tray.TrayField;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A party's page, server-rendered: Italian, one column on a phone, labels tied to inputs, errors next to their field
 * and summarised at the top (focusable links), no script. The page sends no referrer (the link's token is in the
 * URL), is never cached, cannot be framed and may post only to itself.
 */
final class TrayPage {
    static final Map<String, String> SECURITY_HEADERS = Map.of(
            "Cache-Control",
            "no-store",
            "Referrer-Policy",
            "no-referrer",
            "X-Content-Type-Options",
            "nosniff",
            "X-Frame-Options",
            "DENY",
            "Content-Security-Policy",
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    private static final ZoneId ROME = ZoneId.of("Europe/Rome");
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm").withZone(ROME);

    private static final String STYLE = """
            *{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;\
            color:#1b1b1b;background:#f4f5f7}main{max-width:42rem;margin:0 auto;padding:1rem}\
            h1{font-size:1.5rem;margin:.5rem 0}h2{font-size:1.15rem;margin:0 0 .5rem}\
            .who{color:#444;margin:0 0 1rem}fieldset{background:#fff;border:1px solid #d0d4da;border-radius:.5rem;\
            margin:0 0 1rem;padding:1rem}legend{font-weight:600;padding:0;float:left;width:100%;margin:0 0 .25rem}\
            legend+*{clear:both}.state{font-weight:400;color:#555}\
            label{display:block;font-weight:600;margin:.75rem 0 .25rem}input[type=text],input[type=email],\
            input[type=tel],input[type=number],input[type=date],select,textarea{width:100%;font:inherit;\
            padding:.6rem;border:1px solid #8a9099;border-radius:.375rem;background:#fff}textarea{min-height:5rem}\
            .check{display:flex;gap:.5rem;align-items:center}.check label{margin:0;font-weight:400}\
            input[type=checkbox]{width:1.4rem;height:1.4rem}[aria-invalid=true]{border-color:#b00020;border-width:2px}\
            .error{color:#b00020;margin:.25rem 0 0;font-weight:600}.ro{margin:.5rem 0}.ro dt{font-weight:600}\
            .ro dd{margin:0 0 .5rem;white-space:pre-wrap}.notice{background:#e6f4ea;border:1px solid #1e7e34;\
            padding:.75rem;border-radius:.375rem}.alert{background:#fdecea;border:1px solid #b00020;padding:.75rem;\
            border-radius:.375rem}.alert a{color:#b00020}button{font:inherit;font-weight:600;padding:.75rem 1.25rem;\
            border-radius:.375rem;border:0;background:#0b5cad;color:#fff;margin:.5rem .5rem .5rem 0;min-height:44px}\
            button.secondary{background:#fff;color:#0b5cad;border:1px solid #0b5cad}.credit{background:#fff;\
            border-left:4px solid #0b5cad;padding:.75rem;margin:0 0 1rem}.sig{font-size:.9rem;color:#333;\
            word-break:break-all}details{margin:1rem 0}summary{cursor:pointer;font-weight:600}\
            a.pdf{display:inline-block;margin:.5rem 0;font-weight:600}""";

    private TrayPage() {}

    static HttpApiResponse render(PartyView v, int status, String token) {
        StringBuilder b = new StringBuilder(8192);
        head(b, v.template().title());
        b.append("<h1>").append(esc(v.template().title())).append("</h1>");
        b.append("<p class=\"who\">Lei partecipa come <strong>")
                .append(esc(v.party().label()))
                .append("</strong> · Stato: <strong id=\"stato\">")
                .append(esc(statusText(v)))
                .append("</strong></p>");
        if (v.notice() != null)
            b.append("<p class=\"notice\" role=\"status\">")
                    .append(esc(v.notice()))
                    .append("</p>");
        if (!v.errors().isEmpty()) {
            b.append("<div class=\"alert\" role=\"alert\" tabindex=\"-1\" id=\"errori\"><h2>Da correggere</h2><ul>");
            v.errors()
                    .forEach((name, message) -> b.append("<li><a href=\"#f-")
                            .append(esc(name))
                            .append("\">")
                            .append(esc(label(v, name)))
                            .append(": ")
                            .append(esc(message))
                            .append("</a></li>"));
            b.append("</ul></div>");
        }
        Tray tray = v.tray();
        if (tray.rejection != null) {
            b.append("<div class=\"alert\" role=\"note\"><h2>Rimandato indietro</h2><p>")
                    .append(esc(partyLabel(v, tray.rejection.party())))
                    .append(" (")
                    .append(WHEN.format(tray.rejection.at()))
                    .append("): ")
                    .append(esc(tray.rejection.note()))
                    .append("</p></div>");
        }
        if (v.credit() != null) credit(b, v.credit());
        b.append("<form method=\"post\" action=\"\" novalidate>");
        b.append("<input type=\"hidden\" name=\"_nonce\" value=\"")
                .append(esc(v.formNonce()))
                .append("\">");
        for (PartyView.SectionView s : v.sections()) section(b, v, s);
        for (Tray.Signature sig : tray.signatures) {
            b.append("<p class=\"sig\">Firmato da ")
                    .append(esc(partyLabel(v, sig.party())))
                    .append(" il ")
                    .append(WHEN.format(sig.signedAt()))
                    .append(" con codice monouso (")
                    .append(esc(sig.method()))
                    .append("). Impronta SHA-256 del documento: <code>")
                    .append(esc(sig.documentSha256()))
                    .append("</code></p>");
        }
        if (v.canAct()) actions(b, v);
        b.append("</form>");
        if (v.documentAvailable()) {
            b.append("<p><a class=\"pdf\" href=\"")
                    .append(esc(token))
                    .append("/document\">")
                    .append("Scarica il documento completo (PDF)</a></p>");
            if (tray.documentSha256 != null) {
                b.append("<p class=\"sig\">Impronta SHA-256 del documento completo: <code>")
                        .append(esc(tray.documentSha256))
                        .append("</code></p>");
            }
        }
        b.append("</main></body></html>");
        return html(status, b.toString());
    }

    /** The page of a refusal: what the visitor can do, nothing about the tray. */
    static HttpApiResponse refusal(RequestRefused refused) {
        int status;
        String title;
        String text;
        if (refused instanceof Forbidden) {
            status = 403;
            title = "Link non valido";
            text = "Questo link non è valido o non permette questa operazione. Usi il link ricevuto nel messaggio.";
        } else if (refused instanceof NotFound) {
            status = 404;
            title = "Link scaduto";
            text =
                    "Questo link è scaduto o il documento non è disponibile. Chieda un nuovo link a chi glielo ha inviato.";
        } else if (refused instanceof Conflict) {
            status = 409;
            title = "Operazione non più possibile";
            text = "Il documento è cambiato o non è il suo turno. Riapra il link ricevuto per vedere lo stato attuale.";
        } else {
            HttpApiResponse mapped = it.attimo.aws.http.HttpErrorMapper.toResponse(refused);
            status = mapped.status();
            title = "Richiesta non valida";
            text = refused.getMessage();
        }
        StringBuilder b = new StringBuilder();
        head(b, title);
        b.append("<h1>")
                .append(esc(title))
                .append("</h1><p role=\"alert\">")
                .append(esc(text))
                .append("</p></main></body></html>");
        return html(status, b.toString());
    }

    private static void head(StringBuilder b, String title) {
        b.append("<!doctype html><html lang=\"it\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<meta name=\"robots\" content=\"noindex\">")
                .append("<title>")
                .append(esc(title))
                .append("</title><style>")
                .append(STYLE)
                .append("</style></head><body><main>");
    }

    private static void section(StringBuilder b, PartyView v, PartyView.SectionView s) {
        b.append("<fieldset><legend>")
                .append(esc(s.section().title()))
                .append(" <span class=\"state\">(")
                .append(esc(partyLabel(v, s.section().party())))
                .append(": ")
                .append(esc(sectionState(s.status())))
                .append(")</span></legend>");
        boolean anyReadOnly = false;
        for (PartyView.FieldView f : s.fields()) {
            if (f.editable()) input(b, v, f);
            else anyReadOnly = true;
        }
        if (anyReadOnly) {
            b.append("<dl class=\"ro\">");
            for (PartyView.FieldView f : s.fields()) {
                if (f.editable()) continue;
                b.append("<dt>")
                        .append(esc(f.field().label()))
                        .append("</dt><dd id=\"v-")
                        .append(esc(f.field().name()))
                        .append("\">")
                        .append(esc(display(f)))
                        .append("</dd>");
            }
            b.append("</dl>");
        }
        b.append("</fieldset>");
    }

    private static void input(StringBuilder b, PartyView v, PartyView.FieldView f) {
        TrayField field = f.field();
        String name = esc(field.name());
        String id = "f-" + name;
        String error = v.errors().get(field.name());
        String aria = (error == null ? "" : " aria-invalid=\"true\" aria-describedby=\"e-" + name + "\"")
                + (field.required() ? " required aria-required=\"true\"" : "");
        String star = field.required() ? " <span aria-hidden=\"true\">*</span>" : "";
        if ("checkbox".equals(field.type())) {
            b.append("<div class=\"check\"><input type=\"checkbox\" id=\"")
                    .append(id)
                    .append("\" name=\"")
                    .append(name)
                    .append("\" value=\"true\"")
                    .append("true".equals(f.value()) ? " checked" : "")
                    .append(aria)
                    .append("><label for=\"")
                    .append(id)
                    .append("\">")
                    .append(esc(field.label()))
                    .append(star)
                    .append("</label></div>");
        } else {
            b.append("<label for=\"")
                    .append(id)
                    .append("\">")
                    .append(esc(field.label()))
                    .append(star)
                    .append("</label>");
            switch (field.type()) {
                case "textarea" ->
                    b.append("<textarea id=\"")
                            .append(id)
                            .append("\" name=\"")
                            .append(name)
                            .append("\"")
                            .append(aria)
                            .append(">")
                            .append(esc(f.value()))
                            .append("</textarea>");
                case "select" -> {
                    b.append("<select id=\"")
                            .append(id)
                            .append("\" name=\"")
                            .append(name)
                            .append("\"")
                            .append(aria)
                            .append("><option value=\"\">Scegliere…</option>");
                    for (String o : field.options()) {
                        b.append("<option")
                                .append(o.equals(f.value()) ? " selected" : "")
                                .append(">")
                                .append(esc(o))
                                .append("</option>");
                    }
                    b.append("</select>");
                }
                default -> {
                    String type = switch (field.type()) {
                        case "email", "tel", "date" -> field.type();
                        case "number" -> "text\" inputmode=\"decimal";
                        default -> "text";
                    };
                    b.append("<input type=\"")
                            .append(type)
                            .append("\" id=\"")
                            .append(id)
                            .append("\" name=\"")
                            .append(name)
                            .append("\" value=\"")
                            .append(esc(f.value()))
                            .append("\"")
                            .append(aria)
                            .append(autocomplete(field))
                            .append(">");
                }
            }
        }
        if (error != null)
            b.append("<p class=\"error\" id=\"e-")
                    .append(name)
                    .append("\">")
                    .append(esc(error))
                    .append("</p>");
    }

    private static String autocomplete(TrayField f) {
        return switch (f.type()) {
            case "email" -> " autocomplete=\"email\"";
            case "tel" -> " autocomplete=\"tel\"";
            default -> "";
        };
    }

    private static void actions(StringBuilder b, PartyView v) {
        if (v.party().signs()) {
            if (v.otpPending()) {
                String error = v.errors().get("otp");
                b.append("<label for=\"f-otp\">Codice ricevuto</label><input type=\"text\" id=\"f-otp\" name=\"otp\" ")
                        .append("inputmode=\"numeric\" autocomplete=\"one-time-code\" maxlength=\"6\"")
                        .append(error == null ? "" : " aria-invalid=\"true\" aria-describedby=\"e-otp\"")
                        .append(">");
                if (error != null)
                    b.append("<p class=\"error\" id=\"e-otp\">")
                            .append(esc(error))
                            .append("</p>");
                b.append("<p>Firmando conferma i dati mostrati sopra (firma elettronica semplice).</p>")
                        .append("<button type=\"submit\" name=\"_action\" value=\"sign\">Firma il documento</button>")
                        .append("<button type=\"submit\" class=\"secondary\" name=\"_action\" value=\"edit\">")
                        .append("Modifica i dati</button>");
            } else {
                String error = v.errors().get("otp");
                if (error != null)
                    b.append("<p class=\"error\" id=\"e-otp\" role=\"alert\">")
                            .append(esc(error))
                            .append("</p>");
                b.append("<button type=\"submit\" name=\"_action\" value=\"request-otp\">")
                        .append("Conferma i dati e ricevi il codice per firmare</button>");
            }
        } else {
            b.append("<button type=\"submit\" name=\"_action\" value=\"submit\">Conferma e invia</button>");
        }
        String noteError = v.errors().get("note");
        // the creator correcting a tray sent back to it can only withdraw it; every other party sends it back
        boolean creator = v.party().id().equals(v.template().creator());
        b.append("<details")
                .append(noteError == null ? "" : " open")
                .append("><summary>")
                .append(creator ? "Ritiro il documento" : "Non confermo: rimando al commerciale")
                .append("</summary><label for=\"f-note\">Motivo</label><textarea id=\"f-note\" name=\"note\"")
                .append(noteError == null ? "" : " aria-invalid=\"true\" aria-describedby=\"e-note\"")
                .append("></textarea>");
        if (noteError != null)
            b.append("<p class=\"error\" id=\"e-note\">").append(esc(noteError)).append("</p>");
        b.append("<button type=\"submit\" class=\"secondary\" name=\"_action\" value=\"reject\">")
                .append(creator ? "Ritira il documento con la nota" : "Rimanda indietro con la nota")
                .append("</button></details>");
    }

    private static void credit(StringBuilder b, CreditAssessment c) {
        String outcome = switch (c.outcome()) {
            case CreditAssessment.APPROVED -> "Fido regolare";
            case CreditAssessment.REFUSED -> "Fido non concesso";
            default -> "Da verificare";
        };
        b.append("<section class=\"credit\" aria-labelledby=\"credito\"><h2 id=\"credito\">Verifica del credito</h2>")
                .append("<p><strong id=\"esito-credito\" data-outcome=\"")
                .append(esc(c.outcome()))
                .append("\">")
                .append(esc(outcome))
                .append("</strong>: ")
                .append(esc(c.reason()))
                .append(" (fonte: ")
                .append(esc(c.source()))
                .append(")</p></section>");
    }

    private static String display(PartyView.FieldView f) {
        if ("checkbox".equals(f.field().type())) return "true".equals(f.value()) ? "Sì" : "No";
        return f.value() == null || f.value().isEmpty() ? "—" : f.value();
    }

    private static String statusText(PartyView v) {
        String status = v.tray().status;
        if (status == null) return "";
        if (status.startsWith(Tray.WAITING_PREFIX)) {
            String party = status.substring(Tray.WAITING_PREFIX.length());
            return party.equals(v.party().id()) ? "tocca a lei" : "in attesa di " + partyLabel(v, party);
        }
        return switch (status) {
            case Tray.COMPLETED -> "completato";
            case Tray.REJECTED -> "rimandato indietro";
            case Tray.EXPIRED -> "scaduto";
            default -> status;
        };
    }

    private static String sectionState(String status) {
        if (status == null) return "da compilare";
        return switch (status) {
            case "submitted" -> "inviato";
            case "waiting" -> "in compilazione";
            case "pending" -> "in attesa";
            case Tray.REJECTED -> "rimandato indietro";
            case Tray.EXPIRED -> "scaduto";
            default -> status;
        };
    }

    private static String partyLabel(PartyView v, String party) {
        return v.template().hasParty(party) ? v.template().party(party).label() : party;
    }

    private static String label(PartyView v, String name) {
        if (name.equals("otp")) return "Codice";
        if (name.equals("note")) return "Motivo";
        return v.template().field(name).map(TrayField::label).orElse(name);
    }

    private static HttpApiResponse html(int status, String body) {
        Map<String, String> headers = new LinkedHashMap<>(SECURITY_HEADERS);
        headers.put(HttpApiResponse.CONTENT_TYPE, "text/html; charset=utf-8");
        return new HttpApiResponse(status, body, headers);
    }

    static String esc(String s) {
        if (s == null) return "";
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
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

    static String when(Instant i) {
        return WHEN.format(i);
    }
}
