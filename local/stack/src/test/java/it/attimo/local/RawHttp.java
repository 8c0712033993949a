package it.attimo.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, so that a test can send what no well-behaved client would: any bytes in the path, a
 * header of a megabyte, a body of invalid UTF-8. One request per connection.
 */
final class RawHttp {
    /** The status and body of a response; status -1 when the server closed the connection without answering. */
    record Answer(int status, String body) {}

    private RawHttp() {}

    static Answer send(URI base, String method, String rawTarget, Map<String, String> headers, byte[] body)
            throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
            socket.setSoTimeout(60_000);
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.writeBytes((method + " " + rawTarget + " HTTP/1.1\r\n").getBytes(StandardCharsets.ISO_8859_1));
            request.writeBytes(
                    ("Host: " + base.getHost() + ":" + base.getPort() + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            request.writeBytes("Connection: close\r\n".getBytes(StandardCharsets.ISO_8859_1));
            for (Map.Entry<String, String> h : headers.entrySet()) {
                request.writeBytes((h.getKey() + ": " + h.getValue() + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            }
            request.writeBytes(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            request.writeBytes(body);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.toByteArray());
                out.flush();
            } catch (IOException serverStoppedReading) {
                // a server may answer and close before it has read a huge request: read what it said
            }
            byte[] response;
            try {
                response = readAll(socket.getInputStream());
            } catch (IOException reset) {
                return new Answer(-1, reset.toString());
            }
            String text = new String(response, StandardCharsets.UTF_8);
            if (!text.startsWith("HTTP/1.1 ")) return new Answer(-1, text);
            int status = Integer.parseInt(text.substring(9, 12));
            int bodyAt = text.indexOf("\r\n\r\n");
            return new Answer(status, bodyAt < 0 ? "" : text.substring(bodyAt + 4));
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }
}
