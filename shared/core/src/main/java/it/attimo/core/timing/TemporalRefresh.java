package it.attimo.core.timing;

import it.attimo.core.event.CustomerEvent;
import it.attimo.core.port.CustomerScan;
import it.attimo.core.port.TemporalModelStore;
import it.attimo.core.timing.profile.AdaptiveHalfLife;
import it.attimo.core.timing.profile.FittedModel;
import it.attimo.core.timing.profile.ProfileAccumulator;
import it.attimo.core.timing.profile.TemporalModel;
import it.attimo.core.timing.profile.TemporalProfile;
import it.attimo.core.timing.profile.TimingHistories;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * The daily refresh of the temporal model: every customer's event log is streamed through a
 * {@link ProfileAccumulator} as of the clock's instant, with the half-life {@link AdaptiveHalfLife} chooses on the
 * last week of those logs (unless one is fixed); {@link TemporalModel#fit} computes the population prior, the clusters
 * (k by leave-one-out likelihood) and the shrinkage strength, and the result is stored, with the half-life, as the
 * latest model. Journeys then predict each customer from their own log, with that half-life, and this model.
 */
public final class TemporalRefresh {
    private static final Logger LOG = Logger.getLogger(TemporalRefresh.class.getName());

    /** What a refresh did; {@code wallMillis} is elapsed time measured with a monotonic timer, not the business clock. */
    public record Report(
            Instant fittedAt,
            int customers,
            long events,
            int engagedCustomers,
            List<String> clusters,
            double alpha,
            double sinkHours,
            Duration halfLife,
            String halfLifeBasis,
            long wallMillis) {
        public Map<String, Object> toMap() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("fittedAt", fittedAt.toString());
            out.put("customers", customers);
            out.put("events", events);
            out.put("engagedCustomers", engagedCustomers);
            out.put("clusters", clusters.size());
            out.put("clusterNames", clusters);
            out.put("alpha", alpha);
            out.put("sinkHours", Math.round(sinkHours * 10) / 10.0);
            out.put("halfLifeDays", halfLife.toDays());
            out.put("halfLifeBasis", halfLifeBasis);
            out.put("wallMillis", wallMillis);
            return out;
        }
    }

    private final CustomerScan scan;
    private final TemporalModelStore store;
    private final TemporalModel.Settings settings;
    private final Duration fixedHalfLife;
    private final Clock clock;
    private final LongSupplier nanoTime;

    public TemporalRefresh(CustomerScan scan, TemporalModelStore store, Clock clock) {
        this(scan, store, TemporalModel.Settings.defaults(), null, clock, System::nanoTime);
    }

    /**
     * @param fixedHalfLife the profiles' half-life, or null to choose it from the logs ({@link AdaptiveHalfLife})
     * @param nanoTime      a monotonic timer for the reported wall time only (the virtual clock may stand still)
     */
    public TemporalRefresh(
            CustomerScan scan,
            TemporalModelStore store,
            TemporalModel.Settings settings,
            Duration fixedHalfLife,
            Clock clock,
            LongSupplier nanoTime) {
        this.scan = scan;
        this.store = store;
        this.settings = settings;
        this.fixedHalfLife = fixedHalfLife;
        this.clock = clock;
        this.nanoTime = nanoTime;
    }

    public Report run() {
        long started = nanoTime.getAsLong();
        Instant asOf = clock.instant();
        // the logs are read once; the half-life selection rebuilds profiles at other instants from this compact copy
        TimingHistories histories = new TimingHistories(asOf);
        long[] events = {0};
        scan.forEach(customer -> {
            String id = customer.profile().customerId();
            histories.register(id);
            for (CustomerEvent e : customer.history()) {
                histories.addIfRegistered(id, e.type(), e.time());
                events[0]++;
            }
        });
        AdaptiveHalfLife.Decision halfLife = fixedHalfLife != null
                ? new AdaptiveHalfLife.Decision(fixedHalfLife, "fixed", Map.of())
                : AdaptiveHalfLife.decide(histories, asOf, settings);
        List<TemporalProfile> profiles = histories.profiles(asOf, halfLife.halfLife());
        int customers = profiles.size();
        int engaged = (int) profiles.stream().filter(p -> p.engagements() > 0).count();
        TemporalModel model = TemporalModel.fit(profiles, settings).tuned(halfLife.tuning());
        store.save(new FittedModel(asOf, customers, events[0], halfLife.halfLife(), model));
        List<String> names =
                model.clusters().stream().map(TemporalModel.Cluster::name).toList();
        Report report = new Report(
                asOf,
                customers,
                events[0],
                engaged,
                names,
                model.alpha(),
                model.sinkHours(),
                halfLife.halfLife(),
                halfLife.basis(),
                (nanoTime.getAsLong() - started) / 1_000_000);
        LOG.info(() -> "temporal model refreshed: " + report.toMap());
        return report;
    }
}
