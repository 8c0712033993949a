package it.attimo.core.profile;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.core.api.ApiErrors;
import it.attimo.core.api.ApiRequest;
import it.attimo.core.api.ApiResponse;
import it.attimo.core.channel.Channel;
import it.attimo.core.customer.Consent;
import it.attimo.core.customer.Contact;
import it.attimo.core.customer.EventSummary;
import it.attimo.core.customer.JourneyRun;
import it.attimo.core.customer.Location;
import it.attimo.core.customer.Profile;
import it.attimo.core.customer.ScoreLine;
import it.attimo.core.json.Json;
import it.attimo.core.kpi.OnboardingKpis;
import it.attimo.core.port.ContactStore;
import it.attimo.core.port.ProfileStore;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Read side of the API: {@code GET /profiles/{customerId}} and {@code GET /kpis/onboarding}. Contact details are never
 * returned, only whether they exist.
 */
public final class ProfileQueries {
    private static final Pattern PROFILE_PATH = Pattern.compile(".*/profiles/([^/]+)/?");
    private static final Pattern KPI_PATH = Pattern.compile(".*/kpis/onboarding/?");

    private final ProfileStore profiles;
    private final ContactStore contacts;
    private final OnboardingKpis kpis;

    /** Without KPIs: {@code GET /kpis/onboarding} answers 404. */
    public ProfileQueries(ProfileStore profiles, ContactStore contacts) {
        this(profiles, contacts, null);
    }

    public ProfileQueries(ProfileStore profiles, ContactStore contacts, OnboardingKpis kpis) {
        this.profiles = profiles;
        this.contacts = contacts;
        this.kpis = kpis;
    }

    public ApiResponse handle(ApiRequest request) {
        if (!"GET".equals(request.method())) return ApiErrors.methodNotAllowed("use GET");
        if (request.path() != null && KPI_PATH.matcher(request.path()).matches()) {
            if (kpis == null) return ApiErrors.notFound("onboarding KPIs are not configured here");
            return ApiResponse.json(200, kpis.compute().toString());
        }
        String id = request.pathParameter("customerId");
        if (id == null) {
            Matcher m = PROFILE_PATH.matcher(request.path() == null ? "" : request.path());
            if (!m.matches()) return ApiErrors.notFound("no route for GET " + request.path());
            try {
                id = java.net.URLDecoder.decode(m.group(1), java.nio.charset.StandardCharsets.UTF_8);
            } catch (IllegalArgumentException badEscape) {
                return ApiErrors.notFound("no profile for a customer id with a malformed %-escape");
            }
        }
        String customerId = id;
        Optional<Profile> profile = profiles.find(customerId);
        if (profile.isEmpty()) return ApiErrors.notFound("no profile for customer " + customerId);
        return ApiResponse.json(
                200,
                toJson(profile.get(), contacts.find(customerId).orElse(null)).toString());
    }

    public static ObjectNode toJson(Profile p, Contact contact) {
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
        for (Channel ch : Channel.values()) reach.put(ch.id(), contact != null && contact.canReach(ch));
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
        n.put("version", p.version());
        return n;
    }

    private static String str(Instant i) {
        return i == null ? null : i.toString();
    }
}
