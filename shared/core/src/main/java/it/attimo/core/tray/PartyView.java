package it.attimo.core.tray;

import java.util.List;
import java.util.Map;

/**
 * What one party's page shows: the sections it may see (fields hidden from it are absent, not blanked), which fields it
 * may edit now, the credit check when its part asks for one, a pending one-time code, errors by field name, a notice.
 */
public record PartyView(
        Tray tray,
        TrayTemplate template,
        TrayParty party,
        List<SectionView> sections,
        boolean canAct,
        boolean otpPending,
        CreditAssessment credit,
        String formNonce,
        Map<String, String> errors,
        String notice,
        boolean documentAvailable) {

    public record SectionView(TraySection section, String status, boolean own, List<FieldView> fields) {}

    public record FieldView(TrayField field, String value, boolean editable) {}
}
