package io.jinchuang.ledger.imports;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** An import file's text: UTF-8, strictly (a byte that is not UTF-8 refuses the file instead of turning into '?'). */
public final class ImportText {
    private static final int BUFFER_CHARS = 1 << 16;

    private ImportText() {}

    public static Reader utf8(InputStream in) {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)),
                BUFFER_CHARS);
    }

    public static Reader utf8(byte[] bytes) {
        return utf8(new ByteArrayInputStream(bytes));
    }
}
