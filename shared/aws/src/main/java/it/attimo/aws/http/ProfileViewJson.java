package it.attimo.aws.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.core.channel.Channel;
import it.attimo.core.customer.Consent;
import it.attimo.core.customer.EventSummary;
import it.attimo.core.customer.JourneyRun;
import it.attimo.core.customer.Location;
import it.attimo.core.customer.Preferences;
import it.attimo.core.customer.Profile;
import it.attimo.core.customer.ScoreLine;
import it.attimo.core.json.Json;
import it.attimo.core.profile.ProfileView;
import java.time.Instant;
import java.util.Map;

/**
 * The body of {@code GET /profiles/{customerId}}: the profile flattened for readers (location parts, consents, which
 * channels reach the customer, score breakdown, journeys with the active ones apart, recent events). Not the stored
 * form ({@link it.attimo.aws.json.ProfileJson}).
 */
public final class ProfileViewJson {
    private ProfileViewJson() {}

    public static ObjectNode toJson(ProfileView view) {
        Profile p = view.profile();
        ObjectNode n = Json.object();
        n.put("customerId", p.customerId());
        n.put("segment", p.segment() == null ? null : p.segment().id());
        n.put("score", p.score());
        n.put("tier", p.tier());
        Location loc = p.location();
        n.put("comune", loc == null ? null : loc.comuneCode());
        n.put("comuneName", loc == null ? null : loc.comuneName());
        n.put("province", loc == null ? null : loc.province());
        n.put("region", loc == null ? null : loc.region());
        n.put("macroArea", loc == null ? null : loc.macroArea());
        n.put("locale", p.locale());
        n.put("tone", p.tone());
        ObjectNode consents = n.putObject("consents");
        for (Map.Entry<String, Consent> c : p.consents().entrySet()) {
            ObjectNode cn = consents.putObject(c.getKey());
            cn.put("granted", c.getValue().granted());
            cn.put("source", c.getValue().source());
            cn.put("at", str(c.getValue().at()));
        }
        ObjectNode reach = n.putObject("reachable");
        for (Channel ch : Channel.values()) reach.put(ch.id(), view.canReach(ch));
        ArrayNode breakdown = n.putArray("scoreBreakdown");
        for (ScoreLine l : p.scoreBreakdown()) {
            ObjectNode b = breakdown.addObject();
            b.put("rule", l.ruleId());
            b.put("points", l.points());
            b.put("at", str(l.at()));
            b.put("eventId", l.eventId());
            b.put("reason", l.reason());
        }
        n.put("scoredAt", str(p.scoredAt()));
        n.set("eventCounts", Json.valueToTree(p.eventCounts()));
        n.put("firstSeen", str(p.firstSeen()));
        n.put("lastSeen", str(p.lastSeen()));
        ArrayNode active = n.putArray("activeJourneys");
        ArrayNode all = n.putArray("journeys");
        for (JourneyRun r : p.journeys()) {
            ObjectNode j = Json.object();
            j.put("journey", r.journey());
            j.put("executionName", r.executionName());
            j.put("startedAt", str(r.startedAt()));
            j.put("status", r.status());
            j.put("endedAt", str(r.endedAt()));
            all.add(j);
            if (r.active()) active.add(j.deepCopy());
        }
        ArrayNode recent = n.putArray("recentEvents");
        for (EventSummary e : p.recentEvents()) {
            ObjectNode en = recent.addObject();
            en.put("id", e.id());
            en.put("type", e.type());
            en.put("time", str(e.time()));
        }
        n.set("outcomes", Json.valueToTree(p.outcomes()));
        ObjectNode churn = n.putObject("churn");
        churn.put("segment", p.churn().segment());
        churn.put("probability", p.churn().probability());
        ArrayNode churnReasons = churn.putArray("reasons");
        p.churn().reasons().forEach(churnReasons::add);
        Preferences prefs = p.preferences();
        ObjectNode preferences = n.putObject("preferences");
        preferences.put("preferredChannel", prefs.preferredChannel());
        preferences.put("timeBand", prefs.timeBand());
        ArrayNode interests = preferences.putArray("interests");
        prefs.interests().forEach(interests::add);
        ObjectNode topics = preferences.putObject("topics");
        for (Map.Entry<String, Consent> t : prefs.topics().entrySet()) {
            ObjectNode tn = topics.putObject(t.getKey());
            tn.put("granted", t.getValue().granted());
            tn.put("source", t.getValue().source());
            tn.put("at", str(t.getValue().at()));
        }
        preferences.put("source", prefs.source());
        preferences.put("updatedAt", str(prefs.updatedAt()));
        n.put("version", p.version());
        return n;
    }

    private static String str(Instant i) {
        return i == null ? null : i.toString();
    }
}
