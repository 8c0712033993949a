package it.attimo.core.tray;

import java.util.List;

/** A section of a tray: its id and title, the party it belongs to, and its fields in display order. */
public record TraySection(String id, String title, String party, List<TrayField> fields) {
    public TraySection {
        fields = List.copyOf(fields);
    }
}
