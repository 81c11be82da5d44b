package io.jinchuang.ledger.http;

import static io.jinchuang.ledger.db.Tables.IDEMPOTENCY_RECORD;

import io.jinchuang.ledger.Rejection;
import io.jinchuang.ledger.db.tables.records.IdempotencyRecordRecord;
import io.jinchuang.ledger.store.Database;
import io.jinchuang.ledger.store.Tx;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.jooq.exception.DataAccessException;

/**
 * SPEC §8 idempotency: the first answer to (caller, key) is stored in the same transaction
 * as what it posted, and replayed to every repeat; a repeat with another body is 422.
 * Concurrent repeats queue on a striped lock here, and the table's primary key settles
 * any race between processes sharing one PostgreSQL.
 */
public final class Idempotency {
    private static final int STRIPES = 256;

    /** A response to replay: status and JSON body. */
    public record Response(int status, byte[] body) {}

    private final Database db;
    private final Clock clock;
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

    public Idempotency(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    public Response run(String actor, String key, String requestHash, Function<Tx, Response> work) {
        if (key == null) {
            return db.write(work);
        }
        ReentrantLock lock = stripes[Math.floorMod((actor + "\u0000" + key).hashCode(), STRIPES)];
        lock.lock();
        try {
            try {
                // one transaction: a first answer already stored is replayed, writing nothing
                return db.write(tx -> {
                    Response stored = stored(tx.dsl(), actor, key, requestHash);
                    if (stored != null) {
                        return stored;
                    }
                    Response response = work.apply(tx);
                    remember(tx, actor, key, requestHash, response);
                    return response;
                });
            } catch (DataAccessException | io.jinchuang.ledger.Rejection e) {
                // another process answered the same key first: replay its answer. Its commit shows
                // here as our insert of the key failing, or, when our use case waited for the
                // fund it locked, as a rule the ledger it left now breaks (over the commitment)
                Response raced = db.read(dsl -> stored(dsl, actor, key, requestHash));
                if (raced != null) {
                    return raced;
                }
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    private static Response stored(org.jooq.DSLContext dsl, String actor, String key, String requestHash) {
        IdempotencyRecordRecord row = dsl.selectFrom(IDEMPOTENCY_RECORD)
                .where(IDEMPOTENCY_RECORD.ACTOR.eq(actor).and(IDEMPOTENCY_RECORD.IDEM_KEY.eq(key))).fetchOne();
        if (row == null) {
            return null;
        }
        if (!row.getRequestHash().equals(requestHash)) {
            throw Rejection.invalid("Idempotency-Key", "was already used with a different request");
        }
        return new Response(row.getStatus(), row.getBody().getBytes(StandardCharsets.UTF_8));
    }

    private void remember(Tx tx, String actor, String key, String requestHash, Response response) {
        IdempotencyRecordRecord row = tx.dsl().newRecord(IDEMPOTENCY_RECORD);
        row.setActor(actor);
        row.setIdemKey(key);
        row.setRequestHash(requestHash);
        row.setStatus(response.status());
        row.setBody(new String(response.body(), StandardCharsets.UTF_8));
        row.setCreatedAt(clock.instant().atOffset(ZoneOffset.UTC));
        tx.insert(row);
    }

    /** SHA-256 over method, path and body: what makes two requests "the same". */
    public static String requestHash(String method, String path, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((method + " " + path + "\n").getBytes(StandardCharsets.UTF_8));
            sha.update(body);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
