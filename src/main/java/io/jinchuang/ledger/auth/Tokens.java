package io.jinchuang.ledger.auth;

import static io.jinchuang.ledger.db.Tables.API_TOKEN;

import io.jinchuang.ledger.Rejection;
import io.jinchuang.ledger.db.tables.records.ApiTokenRecord;
import io.jinchuang.ledger.store.Tx;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.jooq.DSLContext;

/**
 * Bearer tokens, stored only as SHA-256 hashes: a token is shown once, when it is
 * created, and cannot be read back. (Tokens are 256 random bits, so a fast hash is
 * enough; there is nothing to brute-force as there would be with a password.)
 */
public final class Tokens {
    /** SPEC §8: seeded in the demo profile only; the production profile refuses to start with them. */
    public static final List<Principal> DEMO = List.of(
            new Principal("demo-admin", Role.ADMIN, null),
            new Principal("demo-manager", Role.MANAGER, "Demo Capital"),
            new Principal("demo-compliance", Role.COMPLIANCE, null),
            new Principal("demo-auditor", Role.AUDITOR, null));
    private static final int TOKEN_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;

    public Tokens(Clock clock) {
        this.clock = clock;
    }

    /** @return the new token, the only time it exists in clear */
    public String create(Tx tx, String name, Role role, String manager) {
        byte[] bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        String token = "lgr_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        store(tx, token, name, role, manager);
        return token;
    }

    /** Seeds the demo tokens, whose clear text is their name (demo profile only). */
    public void seedDemo(Tx tx) {
        for (Principal demo : DEMO) {
            if (find(tx.dsl(), demo.name()) == null) {
                store(tx, demo.name(), demo.name(), demo.role(), demo.manager());
            }
        }
    }

    public static boolean anyDemoToken(DSLContext dsl) {
        List<String> hashes = DEMO.stream().map(p -> hash(p.name())).toList();
        return dsl.fetchExists(API_TOKEN, API_TOKEN.TOKEN_HASH.in(hashes));
    }

    private void store(Tx tx, String token, String name, Role role, String manager) {
        if (tx.dsl().fetchExists(API_TOKEN, API_TOKEN.NAME.eq(name))) {
            throw Rejection.conflict("a token named " + name + " already exists");
        }
        if ((role == Role.MANAGER) != (manager != null)) {
            throw Rejection.invalid("manager", "is required for the MANAGER role and only for it");
        }
        ApiTokenRecord row = tx.dsl().newRecord(API_TOKEN);
        row.setTokenHash(hash(token));
        row.setName(name);
        row.setRole(role.name());
        row.setManager(manager);
        row.setCreatedAt(clock.instant().atOffset(ZoneOffset.UTC));
        tx.insert(row);
    }

    /** The caller behind a bearer token, or null when the token is unknown. */
    public static Principal find(DSLContext dsl, String token) {
        return findByHash(dsl, hash(token));
    }

    public static Principal findByHash(DSLContext dsl, String tokenHash) {
        ApiTokenRecord row = dsl.selectFrom(API_TOKEN).where(API_TOKEN.TOKEN_HASH.eq(tokenHash)).fetchOne();
        return row == null ? null : new Principal(row.getName(), Role.valueOf(row.getRole()), row.getManager());
    }

    public static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
