package io.jinchuang.ledger.http;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Refusals Jetty gives before a request reaches the service's routes — a URL over 8 KiB (414),
 * headers over 8 KiB (431), a path Jetty will not decode (400 for {@code %00}, {@code %zz} or
 * bytes that are not UTF-8), a request it cannot parse — as RFC 9457 problems like the service's
 * own, instead of Jetty's HTML page. The detail is Jetty's reason for refusing, a short phrase
 * of its own ("URI too long").
 */
final class JettyProblems extends ErrorHandler {
    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
        response.write(true, ByteBuffer.wrap(body(code, message)), callback);
    }

    /** A message so broken that Jetty made no request of it (headers too large, a bad request line). */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
        return ByteBuffer.wrap(body(status, reason));
    }

    static byte[] body(int status, String reason) {
        String title = HttpStatus.getMessage(status);
        String detail = reason == null || reason.isBlank() || reason.equals(title)
                ? "the request was refused before it reached the service: " + title
                : "the request was refused before it reached the service: " + reason;
        return Json.bytes(Problem.body(status, title, detail));
    }
}
