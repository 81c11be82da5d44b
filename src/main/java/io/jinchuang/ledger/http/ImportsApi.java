package io.jinchuang.ledger.http;

import io.javalin.http.Context;
import io.jinchuang.ledger.Rejection;
import io.jinchuang.ledger.auth.Principal;
import io.jinchuang.ledger.imports.ImportFile;
import io.jinchuang.ledger.imports.ImportResult;
import io.jinchuang.ledger.imports.ImportText;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * POST /imports: a CSV file of historical deals, posted all or nothing through the same use
 * cases as every other POST. The request body limit applies; large files go through
 * {@code scripts/ledger import}.
 */
final class ImportsApi {
    static final String CSV = "text/csv";
    private static final Pattern CHARSET = Pattern.compile(";\\s*charset\\s*=\\s*\"?([^\";\\s]+)");

    private final Api api;

    ImportsApi(Api api) {
        this.api = api;
    }

    void create(Context ctx) {
        Request.onlyParams(ctx);
        byte[] body = Request.body(ctx, api.bodyBytesMax, CSV);
        Matcher charset = CHARSET.matcher(ctx.contentType().toLowerCase(Locale.ROOT));
        if (charset.find() && !charset.group(1).equals("utf-8")) {
            throw Rejection.malformed("an import file must be UTF-8 (charset=utf-8), not " + charset.group(1));
        }
        ctx.attribute("body", body);
        ImportFile file = api.ledger.imports.read(ImportText.utf8(body));
        Principal principal = Request.principal(ctx);
        api.ledger.db.read(dsl -> {
            api.ledger.imports.authorize(dsl, file, principal);
            api.ledger.imports.check(dsl, file);
            return null;
        });
        api.post(ctx, 201, tx -> resultJson(api.ledger.imports.apply(tx, file, Request.actor(ctx, null))));
    }

    static Map<String, Object> resultJson(ImportResult result) {
        return Json.obj("rows", result.rows(), "postings", result.postings(), "entries", result.entries(),
                "lines", result.lines(), "funds", result.funds().stream().map(f -> Json.obj("fund", f.fund(),
                        "entries", f.entries(), "headSeq", f.headSeq(), "headHash", f.headHash())).toList());
    }
}
