package it.attimo.core.timing;

import it.attimo.core.event.CustomerEvent;
import it.attimo.core.port.CustomerScan;
import it.attimo.core.port.TemporalModelStore;
import it.attimo.core.timing.profile.FittedModel;
import it.attimo.core.timing.profile.ProfileAccumulator;
import it.attimo.core.timing.profile.ProfileSettings;
import it.attimo.core.timing.profile.TemporalModel;
import it.attimo.core.timing.profile.TemporalProfile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * The daily refresh of the temporal model: every customer's event log is streamed through a
 * {@link ProfileAccumulator} as of the clock's instant, {@link TemporalModel#fit} computes the population prior,
 * the clusters (k by leave-one-out likelihood) and the shrinkage strength, and the result is stored as the latest
 * model. Journeys then predict each customer from their own log and this model.
 */
public final class TemporalRefresh {
    private static final Logger LOG = Logger.getLogger(TemporalRefresh.class.getName());

    /** What a refresh did; {@code wallMillis} is elapsed time measured with a monotonic timer, not the business clock. */
    public record Report(Instant fittedAt, int customers, long events, int engagedCustomers, List<String> clusters,
                         double alpha, double sinkHours, long wallMillis) {
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
            out.put("wallMillis", wallMillis);
            return out;
        }
    }

    private final CustomerScan scan;
    private final TemporalModelStore store;
    private final TemporalModel.Settings settings;
    private final Duration halfLife;
    private final Clock clock;
    private final LongSupplier nanoTime;

    public TemporalRefresh(CustomerScan scan, TemporalModelStore store, Clock clock) {
        this(scan, store, TemporalModel.Settings.defaults(), ProfileSettings.HALF_LIFE, clock, System::nanoTime);
    }

    /** @param nanoTime a monotonic timer for the reported wall time only (the virtual clock may stand still) */
    public TemporalRefresh(CustomerScan scan, TemporalModelStore store, TemporalModel.Settings settings,
                           Duration halfLife, Clock clock, LongSupplier nanoTime) {
        this.scan = scan;
        this.store = store;
        this.settings = settings;
        this.halfLife = halfLife;
        this.clock = clock;
        this.nanoTime = nanoTime;
    }

    public Report run() {
        long started = nanoTime.getAsLong();
        Instant asOf = clock.instant();
        List<TemporalProfile> profiles = new ArrayList<>();
        long[] events = {0};
        scan.forEach(customer -> {
            ProfileAccumulator accumulator = new ProfileAccumulator(customer.profile().customerId(), asOf, halfLife);
            for (CustomerEvent e : customer.history()) {
                accumulator.add(e.type(), e.time());
                events[0]++;
            }
            profiles.add(accumulator.finish());
        });
        int customers = profiles.size();
        int engaged = (int) profiles.stream().filter(p -> p.engagements() > 0).count();
        TemporalModel model = TemporalModel.fit(profiles, settings);
        store.save(new FittedModel(asOf, customers, events[0], model));
        List<String> names = model.clusters().stream().map(TemporalModel.Cluster::name).toList();
        Report report = new Report(asOf, customers, events[0], engaged, names, model.alpha(), model.sinkHours(),
                (nanoTime.getAsLong() - started) / 1_000_000);
        LOG.info(() -> "temporal model refreshed: " + report.toMap());
        return report;
    }
}
