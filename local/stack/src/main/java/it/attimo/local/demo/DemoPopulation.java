package it.attimo.local.demo;

import it.attimo.core.geo.Comune;
import it.attimo.core.geo.ComuneDirectory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * N synthetic Italian customers, the same for the same seed: comuni over the whole country (mostly provincial capitals,
 * the rest any comune), about 40% B2B, locales (German in Alto Adige, a few English), consents per channel.
 */
public final class DemoPopulation {
    private static final double B2B_SHARE = 0.4;

    private DemoPopulation() {}

    public static List<DemoCustomer> generate(int count, long seed) {
        Random random = new Random(seed);
        List<Comune> all = new ArrayList<>(ComuneDirectory.bundled().all());
        all.sort(Comparator.comparing(Comune::istatCode));
        List<Comune> capitals = all.stream().filter(Comune::provinceCapital).toList();
        List<DemoCustomer> customers = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            String id = String.format("c-%06d", i);
            Comune comune = random.nextDouble() < 0.7 || all.isEmpty() ? pick(capitals, random) : pick(all, random);
            boolean b2b = random.nextDouble() < B2B_SHARE;
            DemoCustomer.Persona persona;
            if (b2b) {
                double p = random.nextDouble();
                persona = p < 0.5
                        ? DemoCustomer.Persona.DILIGENT
                        : p < 0.8 ? DemoCustomer.Persona.SLOW : DemoCustomer.Persona.SILENT;
            } else {
                persona = DemoCustomer.Persona.SHOPPER;
            }
            boolean buyer = b2b ? random.nextDouble() < 0.3 : random.nextDouble() < 0.85;
            customers.add(new DemoCustomer(
                    id,
                    b2b ? "b2b" : "b2c",
                    comune.istatCode(),
                    comune.macroArea().name(),
                    locale(comune, random),
                    random.nextDouble() < 0.92,
                    random.nextDouble() < 0.6,
                    random.nextDouble() < 0.4,
                    persona,
                    buyer));
        }
        return customers;
    }

    private static String locale(Comune comune, Random random) {
        double p = random.nextDouble();
        if ("BZ".equals(comune.provinceSigla()) && p < 0.6) {
            return "de-IT";
        }
        return p < 0.04 ? "en-GB" : "it-IT";
    }

    private static <T> T pick(List<T> list, Random random) {
        return list.get(random.nextInt(list.size()));
    }
}
