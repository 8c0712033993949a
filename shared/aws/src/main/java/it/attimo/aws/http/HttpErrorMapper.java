package it.attimo.aws.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.core.error.BadRequest;
import it.attimo.core.error.Conflict;
import it.attimo.core.error.Forbidden;
import it.attimo.core.error.HeadersTooLarge;
import it.attimo.core.error.InvalidSignature;
import it.attimo.core.error.MalformedJson;
import it.attimo.core.error.NotFound;
import it.attimo.core.error.PayloadTooLarge;
import it.attimo.core.error.RequestRefused;
import it.attimo.core.error.UnsupportedMediaType;
import it.attimo.core.ingest.InvalidEvent;
import it.attimo.core.touchpoint.FormSubmissions;
import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place where a failure becomes an HTTP answer, for the Lambda handlers and {@code attimo serve} alike: each
 * kind of {@link RequestRefused} has its status, and the body is {@code {"error": code, "message": text}} (plus the
 * per-event {@code results} of an {@link InvalidEvent}). Anything else is a 500 with a generic body: the cause is
 * logged, never sent.
 */
public final class HttpErrorMapper {
    public static final String METHOD_NOT_ALLOWED = "method_not_allowed";
    public static final String INTERNAL_ERROR = "internal_error";

    private static final Logger LOG = Logger.getLogger(HttpErrorMapper.class.getName());

    static final Map<Class<? extends RequestRefused>, Integer> STATUS = Map.ofEntries(
            Map.entry(InvalidSignature.class, 401),
            Map.entry(Forbidden.class, 403),
            Map.entry(PayloadTooLarge.class, 413),
            Map.entry(HeadersTooLarge.class, 431),
            Map.entry(UnsupportedMediaType.class, 415),
            Map.entry(MalformedJson.class, 400),
            Map.entry(InvalidEvent.class, 400),
            Map.entry(BadRequest.class, 400),
            Map.entry(NotFound.class, 404),
            Map.entry(Conflict.class, 409),
            Map.entry(FormSubmissions.TooManySubmissions.class, 429));

    private HttpErrorMapper() {}

    /** What {@code call} answers, or the answer to what it threw. */
    public static HttpApiResponse respond(Supplier<HttpApiResponse> call) {
        return respond(call, Function.identity());
    }

    /** The same, for a caller with its own response type: {@code asError} converts the error answer to it. */
    public static <T> T respond(Supplier<T> call, Function<HttpApiResponse, T> asError) {
        try {
            return call.get();
        } catch (RequestRefused refused) {
            return asError.apply(toResponse(refused));
        } catch (RuntimeException unexpected) {
            return asError.apply(unexpected(unexpected));
        }
    }

    public static HttpApiResponse toResponse(RequestRefused refused) {
        Integer status = STATUS.get(refused.getClass());
        if (status == null) {
            return unexpected(new IllegalStateException(
                    "no HTTP status for " + refused.getClass().getName() + " (" + refused.code() + ")"));
        }
        ObjectNode body = body(refused.code(), refused.getMessage());
        if (refused instanceof InvalidEvent invalid) {
            body.set("results", IngestHttp.results(invalid.results()));
        }
        return HttpApiResponse.json(status, body.toString());
    }

    /** 405 for a known route called with another method, with the {@code Allow} header. */
    public static HttpApiResponse methodNotAllowed(String method, Collection<String> allowed) {
        String methods = String.join(", ", allowed);
        return new HttpApiResponse(
                405,
                body(METHOD_NOT_ALLOWED, method + " is not allowed here; use " + methods)
                        .toString(),
                Map.of(HttpApiResponse.CONTENT_TYPE, HttpApiResponse.JSON, "Allow", methods));
    }

    /** Logs what went wrong and answers 500 without saying it. */
    public static HttpApiResponse unexpected(RuntimeException e) {
        LOG.log(Level.SEVERE, "request failed", e);
        return HttpApiResponse.json(
                500,
                body(INTERNAL_ERROR, "the request could not be completed; it is logged")
                        .toString());
    }

    private static ObjectNode body(String code, String message) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("error", code);
        n.put("message", message);
        return n;
    }
}
