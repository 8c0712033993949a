package it.attimo.core.tray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import it.attimo.core.channel.Channel;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrayTemplateLoaderTest {
    @Test
    void theShippedTemplatesLoad() {
        TrayTemplates templates = TrayTemplates.bundled();
        TrayTemplate order = templates.find("conferma-ordine").orElseThrow();
        assertThat(order.creator()).isEqualTo("sales");
        assertThat(order.turns()).containsExactly("customer", "service");
        assertThat(order.notifyOnCompletion()).containsExactly("sales");
        assertThat(order.sendBack()).isEqualTo(2);
        assertThat(order.party("customer").signs()).isTrue();
        assertThat(order.party("service").creditCheck()).isTrue();
        assertThat(order.party("customer").expireAfter()).isEqualTo(Duration.ofHours(72));
        assertThat(order.credit().approveUpTo()).isEqualByComparingTo(new BigDecimal("20000"));
        assertThat(order.field("margine").orElseThrow().readableBy("customer")).isFalse();
        assertThat(order.crm().contact()).containsEntry("partitaIva", "attimo_partita_iva");
        assertThat(order.crm().deal()).containsEntry("totale", "amount");
        assertThatThrownBy(() -> TrayTemplateLoader.parse("c", """
                        {"name":"c","title":"C","creator":"a","turns":["b"],"parties":[{"id":"a","label":"A"},{"id":"b","label":"B"}],
                         "sections":[{"id":"s","title":"S","party":"b","fields":[{"name":"x","label":"X"}]}],
                         "crm":{"contact":{"nope":"p","x":"Bad Property"},"other":{}}}"""))
                .hasMessageContaining("crm.contact.nope is not a field")
                .hasMessageContaining("crm.contact.x must name a CRM property")
                .hasMessageContaining("crm.other is not a known field");
        assertThat(order.field("partitaIva").orElseThrow().writableBy("sales")).isTrue();
        TrayTemplate handover = templates.find("passaggio-consegne").orElseThrow();
        assertThat(handover.party("technician").channel()).isEqualTo(Channel.SMS);
        assertThat(handover.party("warehouse").reminderAfter()).isEqualTo(Duration.ofHours(8));
        assertThat(handover.sendBack()).isZero(); // not given: a rejection ends it
        assertThat(templates.find("nope")).isEmpty();
        assertThat(templates.find("../etc")).isEmpty();
        assertThat(templates.find(null)).isEmpty();
    }

    @Test
    void everyProblemIsListed() {
        String json = """
                {"name":"Bad Name","title":"","creator":"ghost","turns":["a","a","ghost"],"notify":["zz"],
                 "extra":1,
                 "parties":[{"id":"a","label":"A","channel":"fax","reminderAfter":"tomorrow","expireAfter":"PT0S"},
                            {"id":"a","label":"A again"}],
                 "sections":[{"id":"s","title":"S","party":"a","fields":[
                     {"name":"x y","label":"X","type":"colour"},
                     {"name":"sel","label":"Sel","type":"select"},
                     {"name":"p","label":"P","pattern":"[","maxLength":0,"write":["b"],"min":"one"},
                     {"name":"sel","label":"Dup"}]},
                   {"id":"t","title":"T","party":"a","fields":[]}],
                 "credit":{"amountField":"missing"},"sendBack":-1}""";
        assertThatThrownBy(() -> TrayTemplateLoader.parse("bad.json", json))
                .isInstanceOf(TrayTemplateException.class)
                .satisfies(e -> assertThat(((TrayTemplateException) e).problems())
                        .anyMatch(p -> p.contains("name Bad Name"))
                        .anyMatch(p -> p.contains("title is required"))
                        .anyMatch(p -> p.contains("creator ghost"))
                        .anyMatch(p -> p.contains("a party is listed twice"))
                        .anyMatch(p -> p.contains("extra is not a known field"))
                        .anyMatch(p -> p.contains("channel"))
                        .anyMatch(p -> p.contains("reminderAfter must be an ISO-8601"))
                        .anyMatch(p -> p.contains("expireAfter must be positive"))
                        .anyMatch(p -> p.contains("party a is declared twice"))
                        .anyMatch(p -> p.contains("type colour"))
                        .anyMatch(p -> p.contains("a select needs options"))
                        .anyMatch(p -> p.contains("pattern is not a regular expression"))
                        .anyMatch(p -> p.contains("maxLength must be positive"))
                        .anyMatch(p -> p.contains("write must include the section's party a"))
                        .anyMatch(p -> p.contains("min must be a number"))
                        .anyMatch(p -> p.contains("field sel is declared twice"))
                        .anyMatch(p -> p.contains("has two sections"))
                        .anyMatch(p -> p.contains("credit.amountField missing"))
                        .anyMatch(p -> p.contains("credit.approveUpTo is required"))
                        .anyMatch(p -> p.contains("sendBack must be a whole number from 0 to 10")));
        assertThatThrownBy(() -> TrayTemplateLoader.parse("x", "[1]")).isInstanceOf(TrayTemplateException.class);
        assertThatThrownBy(() -> TrayTemplateLoader.parse("x", "{")).hasMessageContaining("not valid JSON");
    }

    @Test
    void aDirectoryOfTemplatesIsReadByName(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("mini.json"), """
                {"name":"mini","title":"Mini","creator":"a","turns":["b"],
                 "parties":[{"id":"a","label":"A"},{"id":"b","label":"B"}],
                 "sections":[{"id":"s","title":"S","party":"b","fields":[{"name":"ok","label":"Ok","type":"checkbox","required":true}]}]}""");
        Files.writeString(dir.resolve("wrong.json"), Files.readString(dir.resolve("mini.json")));
        TrayTemplates templates = TrayTemplates.inOrBundled(dir.toString());
        TrayTemplate mini = templates.find("mini").orElseThrow();
        assertThat(templates.find("mini").orElseThrow()).isSameAs(mini);
        assertThat(mini.notifyOnCompletion()).isEmpty();
        assertThat(mini.sectionOf("a")).isEmpty();
        assertThat(templates.find("absent")).isEmpty();
        assertThatThrownBy(() -> templates.find("wrong")).hasMessageContaining("name mini must be wrong");
        assertThatThrownBy(() -> mini.party("zz")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fieldsValidateWhatAFormSends() {
        TrayTemplate order = TrayTemplates.bundled().find("conferma-ordine").orElseThrow();
        TrayField total = order.field("totale").orElseThrow();
        assertThat(total.problem("")).isEqualTo("Campo obbligatorio");
        assertThat(total.problem("abc")).isEqualTo("Inserire un numero");
        assertThat(total.problem("-1")).startsWith("Il valore minimo");
        assertThat(total.problem("99999999")).startsWith("Il valore massimo");
        assertThat(total.problem("1200,50")).isNull();
        assertThat(order.field("pec").orElseThrow().problem("nope")).isEqualTo("Indirizzo e-mail non valido");
        assertThat(order.field("consegna").orElseThrow().problem("31/12/2026")).startsWith("Data non valida");
        assertThat(order.field("consegna").orElseThrow().problem("")).isNull();
        assertThat(order.field("fido").orElseThrow().problem("forse")).isEqualTo("Scegliere una delle opzioni");
        TrayField check = order.field("datiVerificati").orElseThrow();
        assertThat(check.normalise("on")).isEqualTo("true");
        assertThat(check.normalise(null)).isEqualTo("false");
        assertThat(check.problem("false")).isEqualTo("Campo obbligatorio");
        assertThat(order.field("ragioneSociale").orElseThrow().problem("x".repeat(201)))
                .startsWith("Al massimo");
        TrayField phone =
                new TrayField("t", "T", "tel", false, null, null, null, null, null, null, null, java.util.Set.of("a"));
        assertThat(phone.problem("abc")).isEqualTo("Numero di telefono non valido");
        assertThat(phone.problem("+39 333 1234567")).isNull();
        assertThat(phone.readableBy("zz")).isTrue();
    }

    @Test
    void theCreditRuleApprovesUpToItsLimit() {
        TrayTemplate order = TrayTemplates.bundled().find("conferma-ordine").orElseThrow();
        Tray tray = new Tray("t", "conferma-ordine", "c", java.util.Map.of(), java.time.Instant.EPOCH);
        RuleCreditCheck rule = new RuleCreditCheck();
        assertThat(rule.assess(order, tray).outcome()).isEqualTo(CreditAssessment.REVIEW);
        tray.data.put("totale", "x");
        assertThat(rule.assess(order, tray).outcome()).isEqualTo(CreditAssessment.REVIEW);
        tray.data.put("totale", "20000");
        assertThat(rule.assess(order, tray).outcome()).isEqualTo(CreditAssessment.APPROVED);
        tray.data.put("totale", "20000,01");
        assertThat(rule.assess(order, tray).reason()).contains("oltre il fido");
        TrayTemplate handover =
                TrayTemplates.bundled().find("passaggio-consegne").orElseThrow();
        assertThat(rule.assess(handover, tray).reason()).isEqualTo("nessuna regola di credito");
    }

    @Test
    void aTrayRoundTripsThroughItsStoredForm() {
        Tray t =
                new Tray("t-1", "conferma-ordine", "c-1", java.util.Map.of("customer", "c-1"), java.time.Instant.EPOCH);
        t.status = "waiting-customer";
        t.data.put("a", "1");
        t.sections.put("customer", new Tray.SectionState("submitted", java.time.Instant.EPOCH));
        t.otp = new Tray.OtpChallenge("customer", "h", "d", java.time.Instant.EPOCH, 1, 2);
        t.signatures.add(new Tray.Signature("customer", "d", java.time.Instant.EPOCH, "otp-sms"));
        t.rejection = new Tray.Rejection("service", "no", java.time.Instant.EPOCH);
        t.sentBack = 2;
        t.version = 3;
        Tray back = Tray.fromMap(it.attimo.core.json.Json.toMap(it.attimo.core.json.Json.valueToTree(t.toMap())));
        assertThat(back.toMap()).isEqualTo(t.toMap());
        assertThat(back.toString()).contains("t-1");
        assertThat(new AuditEntry(1, java.time.Instant.EPOCH, "a", "changed", java.util.Map.of("field", "x")).line())
                .contains("field=x");
    }
}
