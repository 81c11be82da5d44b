package io.jinchuang.ledger.http;

import io.jinchuang.ledger.auth.Principal;
import io.jinchuang.ledger.auth.Tokens;
import io.jinchuang.ledger.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Known tokens, remembered briefly so that a request does not cost a database round trip
 * to authenticate. Keyed by the token's hash (the clear token is never kept); unknown
 * tokens are not remembered, so a token created on the command line works at once.
 */
final class TokenCache {
    private static final Duration REMEMBERED_FOR = Duration.ofSeconds(30);
    private static final int ENTRIES_MAX = 10_000;

    private record Known(Principal principal, Instant until) {}

    private final Database db;
    private final Clock clock;
    private final ConcurrentHashMap<String, Known> known = new ConcurrentHashMap<>();

    TokenCache(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The caller behind the token, or null when it is not known. */
    Principal find(String token) {
        String hash = Tokens.hash(token);
        Instant now = clock.instant();
        Known cached = known.get(hash);
        if (cached != null && cached.until().isAfter(now)) {
            return cached.principal();
        }
        Principal principal = db.read(dsl -> Tokens.findByHash(dsl, hash));
        if (principal != null) {
            if (known.size() >= ENTRIES_MAX) {
                known.clear();
            }
            known.put(hash, new Known(principal, now.plus(REMEMBERED_FOR)));
        }
        return principal;
    }
}
