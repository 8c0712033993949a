package it.attimo.core.port;

import it.attimo.core.tray.CreditAssessment;
import it.attimo.core.tray.Tray;
import it.attimo.core.tray.TrayTemplate;

/**
 * The credit situation of a tray's customer, shown to the party that validates it. Locally a configurable rule
 * ({@link it.attimo.core.tray.RuleCreditCheck}); a credit bureau's adapter implements this same interface.
 */
public interface CreditCheck {
    CreditAssessment assess(TrayTemplate template, Tray tray);
}
