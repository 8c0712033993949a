package it.attimo.core.tray;

import it.attimo.core.port.CreditCheck;
import java.math.BigDecimal;

/**
 * The local credit check: the template's rule ({@code credit: {amountField, approveUpTo}}): approved up to the limit,
 * to review above it or when the amount is missing. A template without a rule has nothing to assess.
 */
public final class RuleCreditCheck implements CreditCheck {
    public static final String SOURCE = "rule";

    @Override
    public CreditAssessment assess(TrayTemplate template, Tray tray) {
        TrayTemplate.CreditRule rule = template.credit();
        if (rule == null) return new CreditAssessment(CreditAssessment.REVIEW, "nessuna regola di credito", SOURCE);
        String value = tray.data.get(rule.amountField());
        BigDecimal amount;
        try {
            amount = value == null || value.isBlank() ? null : new BigDecimal(value.replace(',', '.'));
        } catch (NumberFormatException e) {
            amount = null;
        }
        if (amount == null) {
            return new CreditAssessment(CreditAssessment.REVIEW, "importo mancante: verificare a mano", SOURCE);
        }
        if (amount.compareTo(rule.approveUpTo()) <= 0) {
            return new CreditAssessment(
                    CreditAssessment.APPROVED,
                    "importo " + amount.toPlainString() + " entro il fido di "
                            + rule.approveUpTo().toPlainString(),
                    SOURCE);
        }
        return new CreditAssessment(
                CreditAssessment.REVIEW,
                "importo " + amount.toPlainString() + " oltre il fido di "
                        + rule.approveUpTo().toPlainString(),
                SOURCE);
    }
}
