package io.sparkoperator.bench.apiserver;

/** A refusal the server answers with a {@code Status} object, as a real API server does. */
final class ApiException extends RuntimeException {
    final int code;
    final String reason;

    ApiException(int code, String reason, String message) {
        super(message, null, false, false);
        this.code = code;
        this.reason = reason;
    }

    static ApiException notFound(String message) {
        return new ApiException(404, "NotFound", message);
    }

    static ApiException alreadyExists(String kind, String name) {
        return new ApiException(409, "AlreadyExists", kind + " \"" + name + "\" already exists");
    }

    static ApiException conflict(String kind, String name) {
        return new ApiException(409, "Conflict", "Operation cannot be fulfilled on " + kind + " \"" + name
                + "\": the object has been modified; please apply your changes to the latest version and try again");
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, "BadRequest", message);
    }

    String statusJson() {
        return "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":"
                + JsonText.quote(getMessage()) + ",\"reason\":\"" + reason + "\",\"code\":" + code + "}";
    }
}
