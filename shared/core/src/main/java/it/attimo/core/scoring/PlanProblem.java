package it.attimo.core.scoring;

/**
 * One problem found while validating a scoring plan.
 *
 * @param ruleId the rule's id, {@code null} for plan-level problems (groups, tiers, top-level fields)
 * @param field  a JSON path inside the rule or plan, e.g. {@code when.where.errors.gte}
 * @param reason what is wrong, in plain words
 */
public record PlanProblem(String ruleId, String field, String reason) {
    @Override
    public String toString() {
        return (ruleId == null ? "plan" : "rule '" + ruleId + "'") + ", field '" + field + "': " + reason;
    }
}
