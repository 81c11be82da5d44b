package io.jinchuang.ledger.reconciliation;

import static io.jinchuang.ledger.db.Tables.RECONCILIATION_REPORT_PART;
import static io.jinchuang.ledger.db.Tables.RECONCILIATION_RUN;

import io.jinchuang.ledger.Rejection;
import io.jinchuang.ledger.db.tables.records.ReconciliationReportChunkRecord;
import io.jinchuang.ledger.db.tables.records.ReconciliationRunRecord;
import io.jinchuang.ledger.store.Database;
import io.jinchuang.ledger.store.Tx;
import java.time.Clock;
import java.time.ZoneOffset;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs of the year-end batch, recorded in {@code reconciliation_run}: RUNNING in one
 * transaction when a run starts, COMPLETE with its report (or FAILED with the reason) in
 * another when it ends, so a killed run is never mistaken for a finished one. The service
 * runs them one at a time in the background; the command line runs one in the foreground.
 */
public final class Reconciliations implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Reconciliations.class);
    public static final String RUNNING = "RUNNING";
    public static final String COMPLETE = "COMPLETE";
    public static final String FAILED = "FAILED";
    /** Chunks of one fund's part stored per transaction (at most 64 MB of text). */
    static final int CHUNKS_PER_TRANSACTION = 64;
    private static final int ERROR_CHARS_MAX = 2_000;

    /** Funds done out of the total, while a background run goes. */
    public record Progress(int done, int total) {}

    private final Database db;
    private final YearEndBatch batch;
    private final Clock clock;
    private final Map<String, Progress> progress = new ConcurrentHashMap<>();
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "year-end-batch");
        thread.setDaemon(true);
        return thread;
    });

    public Reconciliations(Database db, YearEndBatch batch, Clock clock) {
        this.db = db;
        this.batch = batch;
        this.clock = clock;
    }

    public YearEndBatch batch() {
        return batch;
    }

    /** Records a new run as RUNNING inside the caller's transaction; returns its id. */
    public String record(Tx tx, YearEndBatch.Request request, String actor, String runner) {
        ReconciliationRunRecord row = tx.dsl().newRecord(RECONCILIATION_RUN);
        row.setId(UUID.randomUUID().toString());
        row.setFiscalYear(request.year().year());
        row.setCloseRequested(request.close());
        row.setStatus(RUNNING);
        row.setActor(actor);
        row.setRunner(runner);
        row.setStartedAt(clock.instant().atOffset(ZoneOffset.UTC));
        tx.insert(row);
        return row.getId();
    }

    /** Runs a recorded run on the service's batch thread (one run at a time). */
    /** Whether a run with this id was committed. */
    public boolean recorded(String id) {
        return db.read(dsl -> dsl.fetchExists(RECONCILIATION_RUN, RECONCILIATION_RUN.ID.eq(id)));
    }

    public void runInBackground(String id, YearEndBatch.Request request, String actor) {
        progress.put(id, new Progress(0, 0));
        background.submit(() -> {
            try {
                runRecorded(id, request, actor, (done, total) -> progress.put(id, new Progress(done, total)), null)
                        .report().close(); // stored: the service writes no files
            } catch (RuntimeException | Error e) {
                log.error("event=reconciliation-failed id={}", id, e);
            } finally {
                progress.remove(id);
            }
        });
    }

    /** Records a run, runs it here and now, and records how it ended. */
    public YearEndBatch.Outcome runNow(YearEndBatch.Request request, String actor, String runner,
                                       YearEndBatch.Progress onProgress) {
        return runNow(request, actor, runner, onProgress, null);
    }

    /** As {@link #runNow(YearEndBatch.Request, String, String, YearEndBatch.Progress)}, writing each fund's files into {@code files} as it goes. */
    public YearEndBatch.Outcome runNow(YearEndBatch.Request request, String actor, String runner,
                                       YearEndBatch.Progress onProgress, ReportFiles.Draft files) {
        batch.check(request);
        String id = db.write(tx -> record(tx, request, actor, runner));
        return runRecorded(id, request, actor, onProgress, files);
    }

    private YearEndBatch.Outcome runRecorded(String id, YearEndBatch.Request request, String actor,
                                             YearEndBatch.Progress onProgress, ReportFiles.Draft files) {
        YearEndBatch.Outcome outcome;
        try {
            outcome = batch.run(id, actor, request, onProgress, files, (index, json) -> storeFund(id, index, json));
        } catch (RuntimeException e) {
            fail(id, e);
            throw e;
        }
        try {
            List<ReconciliationReportChunkRecord> head = ReportChunks.deflate(id, 0, outcome.report().opening());
            List<ReconciliationReportChunkRecord> end = ReportChunks.deflate(id, outcome.report().fundCount() + 1,
                    SpooledReport.end());
            // the report's head and end, the close it announces, and the run's completion: one transaction
            db.write(tx -> {
                if (outcome.pendingClose() != null) {
                    outcome.pendingClose().commit(tx);
                }
                tx.insertAll(head);
                tx.insertAll(end);
                complete(tx, id, outcome);
                return null;
            });
        } catch (RuntimeException e) {
            outcome.report().close();
            fail(id, e);
            throw e;
        }
        return outcome;
    }

    /**
     * Stores fund {@code index}'s part of the report (section {@code index + 1}) as soon as the
     * fund is done, deflated, a chunk at a time from its spooled file, so that the run's end
     * stores only the head: the part's text through the log and H2's file at the end of the
     * run was 1.6 s of the benchmark's 21-25 s, and 87 MB of text is 9 MB deflated. The run is
     * still RUNNING meanwhile, and only a COMPLETE run shows its report, so the parts of a run
     * killed half-way are never presented as a report.
     */
    private void storeFund(String id, int index, Path json) {
        try (InputStream text = new SequenceInputStream(new ByteArrayInputStream(
                SpooledReport.beforeFund(index).getBytes(StandardCharsets.UTF_8)), Files.newInputStream(json))) {
            List<ReconciliationReportChunkRecord> chunks = ReportChunks.deflate(id, index + 1, text);
            for (int from = 0; from < chunks.size(); from += CHUNKS_PER_TRANSACTION) {
                List<ReconciliationReportChunkRecord> some =
                        chunks.subList(from, Math.min(chunks.size(), from + CHUNKS_PER_TRANSACTION));
                db.write(tx -> {
                    tx.insertAll(some);
                    return null;
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the report of fund number " + (index + 1) + ": "
                    + e.getMessage(), e);
        }
    }

    private void complete(Tx tx, String id, YearEndBatch.Outcome outcome) {
        ReconciliationRunRecord row = tx.dsl().selectFrom(RECONCILIATION_RUN).where(RECONCILIATION_RUN.ID.eq(id))
                .forUpdate().fetchOne();
        row.setStatus(COMPLETE);
        row.setFinishedAt(clock.instant().atOffset(ZoneOffset.UTC));
        row.setClean(outcome.clean());
        row.setClosed(outcome.close().requested() && outcome.close().closed());
        row.setDiscrepancies(outcome.discrepancies());
        tx.upsert(row);
    }

    private void fail(String id, RuntimeException cause) {
        try {
            db.write(tx -> {
                ReconciliationRunRecord row = tx.dsl().selectFrom(RECONCILIATION_RUN)
                        .where(RECONCILIATION_RUN.ID.eq(id)).forUpdate().fetchOne();
                String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
                row.setStatus(FAILED);
                row.setFinishedAt(clock.instant().atOffset(ZoneOffset.UTC));
                row.setError(message.length() > ERROR_CHARS_MAX ? message.substring(0, ERROR_CHARS_MAX) : message);
                tx.upsert(row);
                return null;
            });
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    public ReconciliationRunRecord find(DSLContext dsl, String id) {
        ReconciliationRunRecord row = dsl.selectFrom(RECONCILIATION_RUN).where(RECONCILIATION_RUN.ID.eq(id)).fetchOne();
        if (row == null) {
            throw Rejection.notFound("no reconciliation run " + id);
        }
        return row;
    }

    /**
     * The UTF-8 text of a COMPLETE run's report, a stored piece at a time: each piece is read
     * in its own short transaction when it is asked for, so neither the service's memory nor a
     * connection is held for the whole of a large report while a client downloads it (a
     * COMPLETE run's report never changes). Runs stored before the report was deflated
     * (migration V4) are read from their text parts.
     */
    public Iterator<byte[]> report(String id) {
        String status = db.read(dsl -> find(dsl, id)).getStatus();
        if (!COMPLETE.equals(status)) {
            throw new IllegalStateException("run " + id + " is " + status + ": only a COMPLETE run has a report");
        }
        List<ReportChunks.Key> keys = db.read(dsl -> ReportChunks.keys(dsl, id));
        if (!keys.isEmpty()) {
            ReportChunks.checkWhole(id, keys);
            return fetched(keys.size(), n -> db.read(dsl -> ReportChunks.text(dsl, id, keys.get(n))));
        }
        int parts = db.read(dsl -> dsl.fetchCount(RECONCILIATION_REPORT_PART, RECONCILIATION_REPORT_PART.RUN_ID.eq(id)));
        if (parts == 0) { // a COMPLETE run always has its head: not a report to present as empty
            throw new IllegalStateException("run " + id + " has no stored report");
        }
        return fetched(parts, n -> db.read(dsl -> part(dsl, id, n)).getBytes(StandardCharsets.UTF_8));
    }

    /** Pieces 0 to {@code count - 1}, each fetched when it is asked for. */
    private static Iterator<byte[]> fetched(int count, java.util.function.IntFunction<byte[]> piece) {
        return java.util.stream.IntStream.range(0, count).mapToObj(piece).iterator();
    }

    /** Part {@code partNo} (from 0) of a report stored as text, before migration V4. */
    private static String part(DSLContext dsl, String id, int partNo) {
        String content = dsl.select(RECONCILIATION_REPORT_PART.CONTENT).from(RECONCILIATION_REPORT_PART)
                .where(RECONCILIATION_REPORT_PART.RUN_ID.eq(id), RECONCILIATION_REPORT_PART.PART_NO.eq(partNo))
                .fetchOne(RECONCILIATION_REPORT_PART.CONTENT);
        if (content == null) {
            throw new IllegalStateException("run " + id + " has no report part " + partNo);
        }
        return content;
    }

    /** How far a background run of this service has got, or null. */
    public Progress progress(String id) {
        return progress.get(id);
    }

    @Override
    public void close() {
        background.shutdownNow();
        try {
            background.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
