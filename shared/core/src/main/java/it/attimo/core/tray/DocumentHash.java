package it.attimo.core.tray;

import it.attimo.core.digest.Sha256;
import it.attimo.core.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The SHA-256 of a tray's document version: its canonical JSON ({@code {"data": {sorted fields}, "template",
 * "trayId"}}, keys sorted, no whitespace). A signature binds the hash of the fields the signer can read (what it saw);
 * the completed document's hash covers every field. Any later change of a covered value changes the hash.
 */
public final class DocumentHash {
    private DocumentHash() {}

    /** Over every field. */
    public static String of(Tray tray) {
        return of(tray, field -> true);
    }

    /** Over the fields {@code party} may read. */
    public static String seenBy(Tray tray, TrayTemplate template, String party) {
        return of(
                tray, name -> template.field(name).map(f -> f.readableBy(party)).orElse(false));
    }

    static String of(Tray tray, Predicate<String> covered) {
        Map<String, String> data = new TreeMap<>();
        tray.data.forEach((k, v) -> {
            if (covered.test(k)) data.put(k, v);
        });
        Map<String, Object> canonical = new LinkedHashMap<>();
        canonical.put("data", data);
        canonical.put("template", tray.template);
        canonical.put("trayId", tray.trayId);
        return Sha256.hex(Json.write(canonical));
    }
}
