package it.attimo.local.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JDK HTTP server on 127.0.0.1 only, standing in for API Gateway. Bodies are read up to 1 MiB + 1 byte so that
 * the ingest function, not this server, decides what is too large (413).
 */
public final class LocalHttpServer implements AutoCloseable {
    static final int MAX_BODY = 1024 * 1024 + 1;
    private static final int THREADS = 8;

    private final HttpServer server;
    private final ExecutorService threads;
    private final URI baseUrl;

    private LocalHttpServer(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
        this.baseUrl = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * The JDK server resets the connection, without an answer, beyond 200 headers or 384 KiB of them; raised (before
     * its configuration is first read) so that the routes answer a 431 instead, up to 8 MiB of headers.
     */
    private static void letLargeHeadersReachTheRoutes() {
        if (System.getProperty("sun.net.httpserver.maxReqHeaders") == null) {
            System.setProperty("sun.net.httpserver.maxReqHeaders", "20000");
        }
        if (System.getProperty("sun.net.httpserver.maxReqHeaderSize") == null) {
            System.setProperty("sun.net.httpserver.maxReqHeaderSize", Integer.toString(8 * 1024 * 1024));
        }
    }

    /** Binds and serves at once: {@link #bind} then {@link #serve}. */
    public static LocalHttpServer start(int port, LocalRoutes routes) {
        LocalHttpServer server = bind(port);
        server.serve(routes);
        return server;
    }

    /**
     * Takes the port now and answers nothing until {@link #serve}: a stack binds first and then starts the rest, so
     * with port 0 the port is the one the system gave this socket (probing a free port and binding it later lets
     * DynamoDB Local or ElasticMQ, starting in between, take it first).
     */
    public static LocalHttpServer bind(int port) {
        letLargeHeadersReachTheRoutes();
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
            AtomicInteger n = new AtomicInteger();
            ExecutorService threads = Executors.newFixedThreadPool(THREADS, r -> {
                Thread t = new Thread(r, "attimo-http-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            server.setExecutor(threads);
            return new LocalHttpServer(server, threads);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port + " (" + e.getMessage() + ")", e);
        }
    }

    /** Starts answering with the routes (once). */
    public void serve(LocalRoutes routes) {
        server.createContext("/", exchange -> serve(exchange, routes));
        server.start();
    }

    /** The port this server holds. */
    public int port() {
        return server.getAddress().getPort();
    }

    public URI baseUrl() {
        return baseUrl;
    }

    private static void serve(HttpExchange exchange, LocalRoutes routes) throws IOException {
        try (exchange) {
            byte[] body = readLimited(exchange.getRequestBody());
            Map<String, List<String>> headers = new LinkedHashMap<>(exchange.getRequestHeaders());
            URI uri = exchange.getRequestURI();
            LocalRoutes.Request request = new LocalRoutes.Request(
                    exchange.getRequestMethod(),
                    uri.getRawPath(),
                    uri.getRawQuery(),
                    headers,
                    body,
                    exchange.getRemoteAddress().getAddress().getHostAddress());
            LocalRoutes.Response response = routes.handle(request);
            response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            byte[] out = response.body();
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(response.status(), out.length == 0 || head ? -1 : out.length);
            if (out.length > 0 && !head) {
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(out);
                }
            }
        }
    }

    private static byte[] readLimited(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY);
        // discard whatever is beyond the limit so the connection stays usable
        in.transferTo(OutputStream.nullOutputStream());
        return body;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdown();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
