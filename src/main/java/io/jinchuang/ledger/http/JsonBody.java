package io.jinchuang.ledger.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.jinchuang.ledger.Rejection;
import io.jinchuang.ledger.input.RawNumber;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict JSON reader for request bodies. Numbers keep their literal text (so that
 * {@code 1e5} and {@code 1.005} can be refused as amounts instead of silently rounded),
 * duplicate keys and trailing content are malformed, and nesting is capped. A number or a
 * string may be as long as the body: it is well-formed JSON, so the field's own rule judges
 * it (an amount of 70 digits is a 422 "at most 17 integer digits", not a malformed body).
 */
public final class JsonBody {
    private final JsonFactory factory;
    private final int depthMax;

    public JsonBody(int depthMax, int bodyBytesMax) {
        this.depthMax = depthMax;
        this.factory = JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(depthMax + 1)
                        .maxNumberLength(bodyBytesMax)
                        .maxStringLength(bodyBytesMax)
                        .build())
                .build();
    }

    /** @return the top-level JSON object as a map; throws a MALFORMED rejection otherwise */
    public Map<String, Object> object(byte[] body) {
        if (body.length == 0) {
            throw Rejection.malformed("the request body is empty; a JSON object is expected");
        }
        if (utf16or32(body)) { // Jackson would detect and read them; RFC 8259 §8.1 asks for UTF-8
            throw Rejection.malformed("the request body must be JSON encoded in UTF-8");
        }
        try (JsonParser parser = factory.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw Rejection.malformed("the request body must be a JSON object");
            }
            Map<String, Object> value = readObject(parser, 1);
            if (parser.nextToken() != null) {
                throw Rejection.malformed("unexpected content after the JSON object");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw Rejection.malformed("malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw Rejection.malformed("unreadable request body");
        }
    }

    /**
     * Whether {@code body} opens as UTF-16 or UTF-32 do (a byte-order mark FE FF or FF FE, or a
     * zero byte among the first two): a JSON text in UTF-8 opens with neither.
     */
    static boolean utf16or32(byte[] body) {
        int first = body[0] & 0xFF;
        int second = body.length > 1 ? body[1] & 0xFF : -1;
        return first == 0 || second == 0 || first == 0xFE && second == 0xFF || first == 0xFF && second == 0xFE;
    }

    private Map<String, Object> readObject(JsonParser parser, int depth) throws IOException {
        checkDepth(depth);
        Map<String, Object> map = new LinkedHashMap<>();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            map.put(name, readValue(parser, parser.nextToken(), depth));
        }
        if (token != JsonToken.END_OBJECT) {
            throw Rejection.malformed("malformed JSON object");
        }
        return map;
    }

    private Object readValue(JsonParser parser, JsonToken token, int depth) throws IOException {
        if (token == null) {
            throw Rejection.malformed("the JSON ends too early");
        }
        return switch (token) {
            case START_OBJECT -> readObject(parser, depth + 1);
            case START_ARRAY -> readArray(parser, depth + 1);
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new RawNumber(parser.getText());
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw Rejection.malformed("unexpected JSON token " + token);
        };
    }

    private List<Object> readArray(JsonParser parser, int depth) throws IOException {
        checkDepth(depth);
        List<Object> list = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            list.add(readValue(parser, token, depth));
        }
        return list;
    }

    private void checkDepth(int depth) {
        if (depth > depthMax) {
            throw Rejection.malformed("JSON nested deeper than " + depthMax + " levels");
        }
    }
}
