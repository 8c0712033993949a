package it.attimo.core.timing.synthetic;

import it.attimo.core.geo.Comune;
import it.attimo.core.geo.ComuneDirectory;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes a {@link SyntheticPopulation} as the files {@code attimo recommend} reads: {@code customers.ndjson}
 * ({@code id}, {@code comune}, {@code segment}; no personal data) and {@code events.ndjson} (CloudEvents 1.0 with
 * {@code subject} = customer id). Comuni are drawn from the provincial capitals; 10% of customers are B2B.
 * Test support, also used by bench/ (RecommendBenchmark).
 */
public final class SyntheticNdjson {
    private SyntheticNdjson() {}

    /** @return number of events written */
    public static long write(Path dir, int customers, int weeks, long seed) {
        SyntheticPopulation pop = SyntheticPopulation.generate(customers, seed);
        List<Comune> capitals = new ArrayList<>(ComuneDirectory.bundled().all().stream()
                .filter(Comune::provinceCapital)
                .toList());
        Random r = new Random(seed);
        long events = 0;
        try {
            Files.createDirectories(dir);
            try (BufferedWriter c = Files.newBufferedWriter(dir.resolve("customers.ndjson"), StandardCharsets.UTF_8);
                    BufferedWriter e = Files.newBufferedWriter(dir.resolve("events.ndjson"), StandardCharsets.UTF_8)) {
                for (SyntheticPopulation.Customer cu : pop.customers()) {
                    Comune comune = capitals.get(r.nextInt(capitals.size()));
                    c.write("{\"id\":\"" + cu.id() + "\",\"comune\":\"" + comune.istatCode() + "\",\"segment\":\""
                            + (r.nextDouble() < 0.1 ? "b2b" : "b2c") + "\"}\n");
                    for (SyntheticPopulation.Event ev : pop.history(cu, weeks)) {
                        writeEvent(e, "e-" + (events++), ev);
                    }
                }
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return events;
    }

    private static void writeEvent(Writer w, String id, SyntheticPopulation.Event ev) throws IOException {
        w.write("{\"specversion\":\"1.0\",\"id\":\"");
        w.write(id);
        w.write("\",\"source\":\"synthetic\",\"type\":\"");
        w.write(ev.type());
        w.write("\",\"subject\":\"");
        w.write(ev.customerId());
        w.write("\",\"time\":\"");
        w.write(ev.time().toString());
        w.write("\",\"data\":{}}\n");
    }
}
