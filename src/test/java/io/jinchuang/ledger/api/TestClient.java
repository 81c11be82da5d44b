package io.jinchuang.ledger.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** A real HTTP client against a running service: no mocks of the framework. */
public final class TestClient {
    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public TestClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public record Reply(int status, String contentType, String body, Map<String, java.util.List<String>> headers) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    public Reply get(String token, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        return send(auth(request, token));
    }

    /** A GET with the Authorization header exactly as given. */
    public Reply getAuthorized(String authorization, String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET().header("Authorization", authorization)
                .timeout(Duration.ofSeconds(30)));
    }

    /** A reply read as bytes (PDF, a CSV's byte-order mark). */
    public record BytesReply(int status, String contentType, byte[] body, Map<String, java.util.List<String>> headers) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + (contentType.startsWith("application/pdf") ? body.length + " bytes" : text());
        }
    }

    /** GET with an Accept header (null: none), read as bytes. */
    public BytesReply getBytes(String token, String path, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (accept != null) {
            request.header("Accept", accept);
        }
        try {
            HttpResponse<byte[]> response = http.send(auth(request, token).build(), HttpResponse.BodyHandlers.ofByteArray());
            return new BytesReply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), response.headers().map());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Reply post(String token, String path, String body) {
        return post(token, path, body, null);
    }

    public Reply post(String token, String path, String body, String idempotencyKey) {
        return postRaw(token, path, body.getBytes(StandardCharsets.UTF_8), "application/json", idempotencyKey);
    }

    public Reply postRaw(String token, String path, byte[] body, String contentType, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(auth(request, token));
    }

    /**
     * Announces a body of {@code contentLength} bytes and, as {@code Expect: 100-continue}
     * says, waits for the answer before sending it: the server refuses an oversized body from
     * its headers without reading it.
     */
    public Reply postAnnouncing(String token, String path, long contentLength) {
        URI uri = URI.create(base + path);
        return exchange(uri, "POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + "\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + contentLength + "\r\n"
                + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
                + "Expect: 100-continue\r\nConnection: close\r\n\r\n"); // sends nothing until answered
    }

    /** A GET of a target written as given, which {@link URI} would refuse (a bad percent-escape). */
    public Reply getRaw(String token, String rawTarget) {
        return getRaw(token, rawTarget, java.util.List.of());
    }

    /**
     * A GET of {@code rawTarget} written as given, with {@code headers} ("Name: value" lines, sent
     * as they are: a malformed or 10 KB header too) and the token's Authorization when not null.
     */
    public Reply getRaw(String token, String rawTarget, java.util.List<String> headers) {
        URI uri = URI.create(base);
        StringBuilder head = new StringBuilder("GET " + rawTarget + " HTTP/1.1\r\nHost: " + uri.getHost() + "\r\n");
        if (token != null) {
            head.append("Authorization: Bearer ").append(token).append("\r\n");
        }
        headers.forEach(h -> head.append(h).append("\r\n"));
        return exchange(uri, head.append("Connection: close\r\n\r\n").toString());
    }

    /** A POST of {@code body} to a target written as given (a path with a bad percent-escape). */
    public Reply postRawTarget(String token, String rawTarget, byte[] body, String contentType) {
        URI uri = URI.create(base);
        return exchange(uri, "POST " + rawTarget + " HTTP/1.1\r\nHost: " + uri.getHost() + "\r\n"
                + "Content-Type: " + contentType + "\r\nContent-Length: " + body.length + "\r\n"
                + (token == null ? "" : "Authorization: Bearer " + token + "\r\n") + "Connection: close\r\n\r\n", body);
    }

    /**
     * POSTs a body of {@code bytes} bytes for real — announced by its Content-Length, or chunked
     * with no length announced — while reading the answer: a server that refuses it part-way and
     * closes is answered as it answered.
     */
    public Reply postStreamed(String token, String path, String contentType, int bytes, boolean chunked) {
        URI uri = URI.create(base + path);
        String head = "POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + "\r\n"
                + "Content-Type: " + contentType + "\r\n"
                + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + bytes + "\r\n")
                + (token == null ? "" : "Authorization: Bearer " + token + "\r\n") + "Connection: close\r\n\r\n";
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(30_000);
            Thread writer = new Thread(() -> {
                try {
                    java.io.OutputStream out = socket.getOutputStream();
                    out.write(head.getBytes(StandardCharsets.US_ASCII));
                    byte[] block = new byte[64 * 1024];
                    java.util.Arrays.fill(block, (byte) 'a');
                    block[0] = '{';
                    for (int sent = 0; sent < bytes; ) {
                        int size = Math.min(block.length, bytes - sent);
                        if (chunked) {
                            out.write((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        }
                        out.write(block, 0, size);
                        if (chunked) {
                            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                        }
                        sent += size;
                    }
                    if (chunked) {
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.flush();
                } catch (IOException refusedMeanwhile) {
                    // the server answered and closed before the whole body was sent
                }
            }, "test-body-writer");
            writer.setDaemon(true);
            writer.start();
            java.io.ByteArrayOutputStream read = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = socket.getInputStream().read(buffer)) != -1; ) {
                    read.write(buffer, 0, n);
                }
            } catch (java.net.SocketException reset) {
                // a close with unread body bytes resets the connection: keep what was answered before it
            }
            if (read.size() == 0) {
                throw new java.io.UncheckedIOException(new IOException("no answer to a " + bytes + "-byte body"));
            }
            return parse(read.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Reply exchange(URI uri, String head) {
        return exchange(uri, head, new byte[0]);
    }

    /** Sends {@code head} and {@code body} as they are, and reads the answer to the connection's close. */
    private static Reply exchange(URI uri, String head, byte[] body) {
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            return parse(new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Reply parse(String response) {
        int status = Integer.parseInt(response.substring(9, 12));
        int split = response.indexOf("\r\n\r\n");
        String headers = response.substring(0, split).toLowerCase(java.util.Locale.ROOT);
        String type = headers.lines().filter(l -> l.startsWith("content-type:")).map(l -> l.substring(13).trim())
                .findFirst().orElse("");
        String rest = response.substring(split + 4);
        String body = headers.contains("transfer-encoding: chunked") ? unchunk(rest) : rest;
        return new Reply(status, type, body, Map.of());
    }

    private static String unchunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (true) {
            int eol = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, eol).trim(), 16);
            if (size == 0) {
                return body.toString();
            }
            body.append(chunked, eol + 2, eol + 2 + size);
            at = eol + 2 + size + 2;
        }
    }

    private static HttpRequest.Builder auth(HttpRequest.Builder request, String token) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.timeout(Duration.ofSeconds(30));
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), response.headers().map());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
