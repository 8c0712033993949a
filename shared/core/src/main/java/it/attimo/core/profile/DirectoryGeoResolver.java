package it.attimo.core.profile;

import it.attimo.core.customer.Location;
import it.attimo.core.geo.ComuneDirectory;
import java.util.Optional;

/** Locates a comune in the bundled ISTAT directory. */
public final class DirectoryGeoResolver implements GeoResolver {
    private final ComuneDirectory directory;

    public DirectoryGeoResolver(ComuneDirectory directory) {
        this.directory = directory;
    }

    @Override
    public Optional<Location> locate(String comuneCode) {
        return directory
                .byCode(comuneCode)
                .map(c -> new Location(
                        c.istatCode(),
                        c.displayName(),
                        c.provinceSigla(),
                        c.provinceName(),
                        c.regionName(),
                        c.macroArea().istatName()));
    }
}
