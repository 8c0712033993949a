package it.attimo.function.insights;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContext;
import it.attimo.aws.http.HttpApiRequest;
import it.attimo.aws.http.HttpApiResponse;
import it.attimo.core.error.BadRequest;
import it.attimo.core.error.NotFound;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The insights read routes plus the web app that shows them (issue 12): {@code GET /} and {@code GET /app} answer the
 * app's page, {@code GET /app/{asset}} its script, style sheet and Apache ECharts (from the WebJar on the classpath:
 * nothing is fetched from a CDN). The page calls the JSON routes of this same handler.
 *
 * <p>On AWS the JSON routes are IAM-authorised, which a browser cannot sign; the app's routes sit behind a Cognito JWT
 * authorizer instead and reach the same JSON routes through {@code GET /app/api?path=/insights/overview&...}: the
 * {@code path} names any GET route of this handler (the signed export excepted), the other parameters are its query.
 * {@code ATTIMO_APP_API_BASE} tells the page to go that way; unset (locally) it calls the routes directly.
 */
public class InsightsAppHandler extends InsightsHandler {
    static final String ECHARTS = "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";
    private static final String APP = "it/attimo/app/";
    private static final Map<String, String> ASSETS = Map.of(
            "app.js", "text/javascript; charset=utf-8",
            "app.css", "text/css; charset=utf-8",
            "echarts.min.js", "text/javascript; charset=utf-8",
            "icon.svg", "image/svg+xml");
    /** A JWT's characters: base64url segments and dots (what the page may carry on to its assets). */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

    private static final Map<String, String> FILES = new java.util.concurrent.ConcurrentHashMap<>();

    private final Map<String, String> environment;

    public InsightsAppHandler() {
        this.environment = System.getenv();
    }

    public InsightsAppHandler(ApplicationContext context) {
        this(context, System.getenv());
    }

    InsightsAppHandler(ApplicationContext context, Map<String, String> environment) {
        super(context);
        this.environment = environment;
    }

    @Override
    protected Map<String, Function<HttpApiRequest, HttpApiResponse>> routes() {
        Map<String, Function<HttpApiRequest, HttpApiResponse>> routes = new LinkedHashMap<>(super.routes());
        Function<HttpApiRequest, HttpApiResponse> experimentsJson = routes.get("GET /experiments");
        routes.put(
                "GET /experiments", request -> wantsCsv(request) ? experimentsCsv() : experimentsJson.apply(request));
        routes.put("GET /", this::page);
        routes.put("GET /app", this::page);
        routes.put("GET /app/login", this::login);
        routes.put("GET /app/{asset}", request -> asset(request.pathParameter("asset")));
        routes.put("GET /app/api", this::throughTheApp);
        return routes;
    }

    private HttpApiResponse page(HttpApiRequest request) {
        String token = queryValue(request.rawQuery(), "access_token")
                .filter(t -> TOKEN.matcher(t).matches())
                .orElse(null);
        String suffix = token == null ? "" : "?access_token=" + token;
        String html = text(APP + "index.html")
                .replace("{{assetQuery}}", suffix)
                .replace("{{apiBase}}", attribute(environment.getOrDefault("ATTIMO_APP_API_BASE", "")))
                .replace("{{loginUrl}}", attribute(environment.getOrDefault("ATTIMO_APP_LOGIN_URL", "")));
        return new HttpApiResponse(
                200,
                html,
                Map.of(
                        HttpApiResponse.CONTENT_TYPE,
                        "text/html; charset=utf-8",
                        "Cache-Control",
                        "no-store",
                        "Content-Security-Policy",
                        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                                + "frame-ancestors 'none'",
                        "X-Content-Type-Options",
                        "nosniff"));
    }

    /**
     * Where Cognito's hosted sign-in returns ({@code #access_token=...} in the fragment, which never reaches a
     * server): the page moves the token into {@code /app?access_token=}, or sends a visitor without one to sign in.
     * It holds no data, so it is the one route of the app without an authorizer.
     */
    private HttpApiResponse login(HttpApiRequest request) {
        String script = "var p=new URLSearchParams(location.hash.slice(1));var t=p.get('access_token');"
                + "var login=document.querySelector('meta[name=attimo-login-url]').content;"
                + "if(t){location.replace('/app?access_token='+encodeURIComponent(t));}"
                + "else if(login){location.replace(login);}else{location.replace('/app');}";
        String html = "<!doctype html><html lang=\"it\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"attimo-login-url\" content=\""
                + attribute(environment.getOrDefault("ATTIMO_APP_LOGIN_URL", "")) + "\">"
                + "<title>Attimo · Accesso</title></head><body><p>Accesso in corso… / Signing in…</p>"
                + "<script>" + script + "</script></body></html>";
        String hash;
        try {
            hash = java.util.Base64.getEncoder()
                    .encodeToString(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(script.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return new HttpApiResponse(
                200,
                html,
                Map.of(
                        HttpApiResponse.CONTENT_TYPE,
                        "text/html; charset=utf-8",
                        "Cache-Control",
                        "no-store",
                        "Content-Security-Policy",
                        "default-src 'none'; script-src 'sha256-" + hash + "'; frame-ancestors 'none'",
                        "Referrer-Policy",
                        "no-referrer"));
    }

    private static HttpApiResponse asset(String name) {
        String type = name == null ? null : ASSETS.get(name);
        if (type == null) throw new NotFound("the app has no file " + name);
        String resource = name.equals("echarts.min.js") ? ECHARTS : APP + name;
        return new HttpApiResponse(
                200,
                text(resource),
                Map.of(
                        HttpApiResponse.CONTENT_TYPE,
                        type,
                        "Cache-Control",
                        name.equals("echarts.min.js") ? "public, max-age=86400" : "no-cache",
                        "X-Content-Type-Options",
                        "nosniff"));
    }

    private static boolean wantsCsv(HttpApiRequest request) {
        Optional<String> format = queryValue(request.rawQuery(), "format");
        if (format.isPresent()) {
            if (format.get().equals("csv")) return true;
            if (format.get().equals("json")) return false;
            throw new BadRequest("format must be json or csv");
        }
        String accept = request.header("Accept");
        return accept != null && accept.contains("text/csv");
    }

    /** {@code GET /experiments?format=csv}: one line per arm of every experiment, with the experiment's outcome. */
    private HttpApiResponse experimentsCsv() {
        StringBuilder csv = new StringBuilder(
                "experiment,journey,step,status,metric,arm,assigned,converted,rate,lift,pValue,winner\r\n");
        for (JsonNode e : experiments.all()) {
            for (JsonNode arm : e.path("arms")) {
                csv.append(String.join(
                                ",",
                                cell(e.path("id")),
                                cell(e.path("journey")),
                                cell(e.path("step")),
                                cell(e.path("status")),
                                cell(
                                        e.path("metric").isObject()
                                                ? e.path("metric").path("name")
                                                : e.path("metric")),
                                cell(arm.path("name")),
                                cell(arm.path("assigned")),
                                cell(arm.path("converted")),
                                cell(arm.path("rate")),
                                cell(e.path("lift")),
                                cell(e.path("pValue")),
                                cell(e.path("winner"))))
                        .append("\r\n");
            }
        }
        return new HttpApiResponse(
                200,
                csv.toString(),
                Map.of(
                        HttpApiResponse.CONTENT_TYPE,
                        "text/csv; charset=utf-8",
                        "Content-Disposition",
                        "attachment; filename=\"experiments.csv\""));
    }

    private static String cell(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) return "";
        String text = value.asText();
        boolean quote = text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r");
        return quote ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    /** {@code GET /app/api?path=/insights/rfm&segment=b2c}: the named GET route of this handler, for the browser. */
    private HttpApiResponse throughTheApp(HttpApiRequest request) {
        String path = queryValue(request.rawQuery(), "path")
                .orElseThrow(() -> new BadRequest("path is required: the route to read, like /insights/rfm"));
        if (!path.startsWith("/") || path.startsWith("/app")) {
            throw new BadRequest("path must be one of the insights routes, like /insights/rfm");
        }
        StringJoiner rest = new StringJoiner("&");
        if (request.rawQuery() != null) {
            for (String pair : request.rawQuery().split("&")) {
                String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
                if (!name.equals("path") && !name.equals("access_token") && !pair.isEmpty()) rest.add(pair);
            }
        }
        for (Map.Entry<String, Function<HttpApiRequest, HttpApiResponse>> route : routes().entrySet()) {
            String key = route.getKey();
            boolean app = key.equals("GET /") || key.startsWith("GET /app");
            if (!key.startsWith("GET ") || key.endsWith("/export") || app) continue;
            Optional<Map<String, String>> parameters = match(key.substring(4), path);
            if (parameters.isEmpty()) continue;
            HttpApiRequest inner = new HttpApiRequest(
                    "GET",
                    key,
                    path,
                    rest.length() == 0 ? null : rest.toString(),
                    request.headers(),
                    null,
                    request.url(),
                    parameters.get());
            return route.getValue().apply(inner);
        }
        throw new NotFound("no route for GET " + path);
    }

    /** {@code /insights/journeys/{journey}} against {@code /insights/journeys/post-purchase}: the decoded variables. */
    static Optional<Map<String, String>> match(String template, String path) {
        String[] want = template.substring(1).split("/", -1);
        String[] got = path.substring(1).split("/", -1);
        if (want.length != got.length) return Optional.empty();
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < want.length; i++) {
            if (want[i].startsWith("{") && want[i].endsWith("}")) {
                if (got[i].isEmpty()) return Optional.empty();
                values.put(want[i].substring(1, want[i].length() - 1), decode(got[i]));
            } else if (!want[i].equals(got[i])) {
                return Optional.empty();
            }
        }
        return Optional.of(values);
    }

    private static Optional<String> queryValue(String rawQuery, String name) {
        if (rawQuery == null) return Optional.empty();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) return Optional.of(decode(pair.substring(eq + 1)));
        }
        return Optional.empty();
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("the query string is not validly encoded");
        }
    }

    private static String attribute(String value) {
        return value.replace("&", "&amp;")
                .replace("\"", "&quot;")
                .replace("<", "&lt;")
                .replace(">", "&gt;");
    }

    private static String text(String resource) {
        return FILES.computeIfAbsent(resource, InsightsAppHandler::read);
    }

    private static String read(String resource) {
        try (InputStream in = InsightsAppHandler.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("the app's file " + resource + " is not in the jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
