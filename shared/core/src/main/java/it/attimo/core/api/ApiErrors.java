package it.attimo.core.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The one place that turns a failure into an HTTP error body: {@code {"error": code, "message": text}}. */
public final class ApiErrors {
    private ApiErrors() {}

    public static ApiResponse error(int status, String code, String message) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("error", code);
        n.put("message", message);
        return ApiResponse.json(status, n.toString());
    }

    public static ApiResponse unauthorized(String message) {
        return error(401, "unauthorized", message);
    }

    public static ApiResponse badRequest(String message) {
        return error(400, "bad_request", message);
    }

    public static ApiResponse notFound(String message) {
        return error(404, "not_found", message);
    }

    public static ApiResponse tooLarge(String message) {
        return error(413, "payload_too_large", message);
    }

    public static ApiResponse unsupportedMediaType(String message) {
        return error(415, "unsupported_media_type", message);
    }

    public static ApiResponse methodNotAllowed(String message) {
        return error(405, "method_not_allowed", message);
    }
}
