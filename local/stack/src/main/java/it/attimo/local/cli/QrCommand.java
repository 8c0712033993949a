package it.attimo.local.cli;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import it.attimo.core.touchpoint.Touchpoint;
import it.attimo.core.touchpoint.TouchpointCatalog;
import it.attimo.core.touchpoint.TouchpointCatalogLoader;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code attimo qr --touchpoint <id> [--out FILE.png] [--base-url URL] [--size 512]}: the touchpoint's QR code as a
 * PNG, encoding {@code <base-url>/q/<code>} (scanning it logs {@code qr.scanned} and redirects to the target).
 */
@Command(
        name = "qr",
        mixinStandardHelpOptions = true,
        description = "Render a touchpoint's QR code (touchpoints.json) as a PNG pointing at <base-url>/q/<code>.")
public final class QrCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--touchpoint", required = true, description = "touchpoint id with a qr entry in touchpoints.json")
    String touchpoint;

    @Option(names = "--out", description = "PNG file to write (default: qr-<touchpoint>.png)")
    String out;

    @Option(
            names = "--base-url",
            defaultValue = "http://127.0.0.1:8080",
            description = "public base URL of the HTTP API (default: ${DEFAULT-VALUE})")
    String baseUrl;

    @Option(
            names = "--size",
            defaultValue = "512",
            description = "width and height in pixels (default: ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--touchpoints", description = "touchpoints file (default: touchpoints.json of the project)")
    String file;

    @Override
    public Integer call() {
        try {
            if (size < 64 || size > 4096) throw new IllegalArgumentException("--size must be between 64 and 4096");
            if (!baseUrl.startsWith("http://") && !baseUrl.startsWith("https://")) {
                throw new IllegalArgumentException("--base-url must be an http(s) URL");
            }
            Path catalogFile = file != null
                    ? ProjectPaths.userPath(file)
                    : ProjectPaths.home().resolve("touchpoints.json");
            BadInput.requireReadable("--touchpoints", catalogFile);
            TouchpointCatalog catalog = TouchpointCatalogLoader.loadOrBundled(catalogFile.toString());
            Touchpoint t = catalog.find(touchpoint)
                    .orElseThrow(
                            () -> new IllegalArgumentException("no touchpoint " + touchpoint + " in " + catalogFile));
            if (t.qr() == null) throw new IllegalArgumentException("touchpoint " + touchpoint + " has no qr code");
            String url = baseUrl.replaceAll("/+$", "") + "/q/" + t.qr().code();
            Path png = ProjectPaths.userPath(out != null ? out : "qr-" + t.id() + ".png");
            Files.write(png, png(url, size));
            spec.commandLine().getOut().println(png + "  " + url + "  -> " + t.qr().target());
            spec.commandLine().getOut().flush();
            return 0;
        } catch (IllegalArgumentException e) {
            return BadInput.report(spec, e);
        } catch (IOException e) {
            return BadInput.report(spec, new IllegalArgumentException("cannot write the PNG: " + e.getMessage()));
        }
    }

    /** A QR code (error correction M, quiet zone 2) as PNG bytes. */
    public static byte[] png(String text, int size) {
        try {
            BitMatrix m = new QRCodeWriter()
                    .encode(
                            text,
                            BarcodeFormat.QR_CODE,
                            size,
                            size,
                            Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 2));
            BufferedImage image = new BufferedImage(m.getWidth(), m.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
            for (int y = 0; y < m.getHeight(); y++) {
                for (int x = 0; x < m.getWidth(); x++) image.setRGB(x, y, m.get(x, y) ? 0x000000 : 0xFFFFFF);
            }
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (WriterException | IOException e) {
            throw new IllegalStateException("cannot render a QR code for " + text, e);
        }
    }
}
