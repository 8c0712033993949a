package it.attimo.core.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class SupportQrTest {
    /** Reads a PNG back and decodes its QR code with ZXing's reader. */
    static String decode(byte[] png) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        RGBLuminanceSource source = new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels);
        return new QRCodeReader()
                .decode(new BinaryBitmap(new HybridBinarizer(source)))
                .getText();
    }

    @Test
    void thePngIsARealQrCodeOfTheSupportUrl() throws Exception {
        String url = "https://negozio.example/assistenza?via=qr";
        byte[] png = SupportQr.png(url, SupportQr.DEFAULT_SIZE);
        assertThat(java.util.Arrays.copyOf(png, 4)).containsExactly((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(SupportQr.DEFAULT_SIZE);
        assertThat(decode(png)).isEqualTo(url);
    }

    @Test
    void nothingToEncodeOrAnAbsurdSizeIsRefused() {
        assertThatThrownBy(() -> SupportQr.png(" ", 300)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SupportQr.png("x", 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SupportQr.png("x", 5000)).isInstanceOf(IllegalArgumentException.class);
    }
}
