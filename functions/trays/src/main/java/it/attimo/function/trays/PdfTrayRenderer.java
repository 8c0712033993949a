package it.attimo.function.trays;

import it.attimo.core.port.TrayDocumentRenderer;
import it.attimo.core.tray.AuditEntry;
import it.attimo.core.tray.Tray;
import it.attimo.core.tray.TrayField;
import it.attimo.core.tray.TraySection;
import it.attimo.core.tray.TrayTemplate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * The completed tray as a PDF (Apache PDFBox): the fields every party may read, by section; each signature with the
 * SHA-256 it binds; the completed document's SHA-256; and the whole audit trail (values of fields reserved to some
 * parties left out). Standard Helvetica (WinAnsi): characters outside it print as '?'.
 */
public final class PdfTrayRenderer implements TrayDocumentRenderer {
    static final float MARGIN = 50;
    static final int WRAP = 95;

    @Override
    public byte[] render(TrayTemplate template, Tray tray, List<AuditEntry> audit) {
        List<Line> lines = new ArrayList<>();
        lines.add(new Line(template.title(), 16, true));
        lines.add(new Line(
                "Documento " + tray.trayId + " - modello " + template.name() + " - cliente " + tray.customerId,
                9,
                false));
        lines.add(new Line(
                "Creato " + TrayPage.when(tray.createdAt) + " (ora di Roma) - stato: " + tray.status, 9, false));
        lines.add(Line.BLANK);
        for (TraySection s : template.sections()) {
            lines.add(new Line(s.title() + " (" + template.party(s.party()).label() + ")", 12, true));
            for (TrayField f : s.fields()) {
                if (!sharedField(template, f)) continue;
                String value = tray.data.getOrDefault(f.name(), "");
                if ("checkbox".equals(f.type())) value = "true".equals(value) ? "Si" : "No";
                wrap(lines, f.label() + ": " + (value.isEmpty() ? "-" : value), 10, false);
            }
            lines.add(Line.BLANK);
        }
        lines.add(new Line("Firme (firma elettronica semplice, codice monouso)", 12, true));
        if (tray.signatures.isEmpty()) lines.add(new Line("Nessuna firma", 10, false));
        for (Tray.Signature sig : tray.signatures) {
            wrap(
                    lines,
                    template.party(sig.party()).label() + " - " + sig.signedAt() + " - " + sig.method() + " - SHA-256 "
                            + sig.documentSha256(),
                    10,
                    false);
        }
        lines.add(Line.BLANK);
        wrap(lines, "SHA-256 del documento completo: " + tray.documentSha256, 10, true);
        lines.add(Line.BLANK);
        lines.add(new Line("Registro delle modifiche (audit trail)", 12, true));
        for (AuditEntry e : audit) wrap(lines, redacted(template, e).line(), 8, false);
        return write(template, tray, lines);
    }

    /** Fields every party may read belong in the shared document; reserved ones (an internal margin) do not. */
    static boolean sharedField(TrayTemplate template, TrayField f) {
        return template.parties().stream().allMatch(p -> f.readableBy(p.id()));
    }

    private static AuditEntry redacted(TrayTemplate template, AuditEntry e) {
        String field = e.detail().get("field");
        if (field == null
                || template.field(field).map(f -> sharedField(template, f)).orElse(true)) return e;
        Map<String, String> detail = new TreeMap<>(e.detail());
        detail.remove("from");
        detail.remove("to");
        detail.put("valore", "riservato");
        return new AuditEntry(e.seq(), e.at(), e.party(), e.action(), detail);
    }

    private record Line(String text, float size, boolean bold) {
        static final Line BLANK = new Line("", 6, false);
    }

    private static void wrap(List<Line> lines, String text, float size, boolean bold) {
        int width = (int) (WRAP * 10 / size);
        for (String paragraph : text.split("\\R", -1)) {
            String rest = paragraph;
            while (rest.length() > width) {
                int cut = rest.lastIndexOf(' ', width);
                if (cut <= 0) cut = width;
                lines.add(new Line(rest.substring(0, cut), size, bold));
                rest = rest.substring(cut).stripLeading();
            }
            lines.add(new Line(rest, size, bold));
        }
    }

    private static byte[] write(TrayTemplate template, Tray tray, List<Line> lines) {
        PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
        try (PDDocument doc = new PDDocument();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle(template.title() + " " + tray.trayId);
            info.setProducer("Attimo");
            PDPage page = null;
            PDPageContentStream content = null;
            float y = 0;
            for (Line line : lines) {
                float leading = line.size() * 1.4f;
                if (content == null || y - leading < MARGIN) {
                    if (content != null) content.close();
                    page = new PDPage(PDRectangle.A4);
                    doc.addPage(page);
                    content = new PDPageContentStream(doc, page);
                    y = page.getMediaBox().getHeight() - MARGIN;
                }
                y -= leading;
                if (line.text().isEmpty()) continue;
                content.beginText();
                content.setFont(line.bold() ? bold : regular, line.size());
                content.newLineAtOffset(MARGIN, y);
                content.showText(winAnsi(line.text()));
                content.endText();
            }
            if (content != null) content.close();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render tray " + tray.trayId, e);
        }
    }

    /** What Helvetica's WinAnsi encoding can show: Latin-1 and the euro sign; anything else becomes '?'. */
    static String winAnsi(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\t') b.append(' ');
            else if ((c >= 0x20 && c < 0x7f) || (c >= 0xa0 && c <= 0xff) || c == '€') b.append(c);
            else b.append('?');
        }
        return b.toString();
    }
}
