package it.attimo.core.tray;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A tray template, read from {@code trays/<name>.json}: the parties, who creates the tray ({@code creator}), the
 * parties whose turns follow in order ({@code turns}), who is told when it is complete ({@code notify}), the sections
 * and the credit rule. The party {@code customer} is the tray's customer; every other party is named at creation.
 * {@code sendBack}: how many times a party's rejection sends the tray back to the creator to correct (0: a rejection
 * ends it).
 */
public record TrayTemplate(
        String name,
        String title,
        String creator,
        List<String> turns,
        List<String> notifyOnCompletion,
        List<TrayParty> parties,
        List<TraySection> sections,
        CreditRule credit,
        CrmMapping crm,
        int sendBack) {
    public TrayTemplate {
        if (sendBack < 0) throw new IllegalArgumentException("sendBack must not be negative");
        turns = List.copyOf(turns);
        notifyOnCompletion = List.copyOf(notifyOnCompletion);
        parties = List.copyOf(parties);
        sections = List.copyOf(sections);
    }

    /**
     * Where a completed tray's fields go in the CRM: template field → contact property, and → deal property (a deal
     * is created only when {@code deal} is not empty).
     */
    public record CrmMapping(java.util.Map<String, String> contact, java.util.Map<String, String> deal) {
        public CrmMapping {
            contact = java.util.Map.copyOf(contact);
            deal = java.util.Map.copyOf(deal);
        }
    }

    /** The credit rule of a template: an amount field, approved up to a limit, "review" above it. */
    public record CreditRule(String amountField, BigDecimal approveUpTo) {}

    public TrayParty party(String id) {
        return parties.stream()
                .filter(p -> p.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("template " + name + " has no party " + id));
    }

    public boolean hasParty(String id) {
        return parties.stream().anyMatch(p -> p.id().equals(id));
    }

    public Optional<TrayField> field(String fieldName) {
        return fields().stream().filter(f -> f.name().equals(fieldName)).findFirst();
    }

    public List<TrayField> fields() {
        List<TrayField> all = new ArrayList<>();
        sections.forEach(s -> all.addAll(s.fields()));
        return all;
    }

    /** The section a party fills (its own), if it has one. */
    public Optional<TraySection> sectionOf(String party) {
        return sections.stream().filter(s -> s.party().equals(party)).findFirst();
    }

    /** The fields {@code party} may write, in display order. */
    public List<TrayField> writableBy(String party) {
        return fields().stream().filter(f -> f.writableBy(party)).toList();
    }
}
