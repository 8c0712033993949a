package it.attimo.core.profile;

import it.attimo.core.customer.Location;
import java.util.Optional;

/** Finds where a comune is (province, region, macro-area) from its ISTAT code. */
public interface GeoResolver {
    Optional<Location> locate(String comuneCode);
}
