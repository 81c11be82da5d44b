package io.jinchuang.ledger.reconciliation;

import static io.jinchuang.ledger.db.Tables.RECONCILIATION_REPORT_PART;
import static io.jinchuang.ledger.db.Tables.RECONCILIATION_RUN;

import io.jinchuang.ledger.Rejection;
import io.jinchuang.ledger.db.tables.records.ReconciliationReportPartRecord;
import io.jinchuang.ledger.db.tables.records.ReconciliationRunRecord;
import io.jinchuang.ledger.store.Database;
import io.jinchuang.ledger.store.Tx;
import java.time.Clock;
import java.time.ZoneOffset;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
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
    /** Characters per stored part of a report (the column holds 100,000). */
    static final int PART_CHARS_MAX = 50_000;
    /** Report parts stored per transaction (about 5 MB of text). */
    static final int PARTS_PER_TRANSACTION = 100;
    private static final int ERROR_CHARS_MAX = 2_000;

    /** A run, and how many parts its stored report has (0 unless it is COMPLETE). */
    public record Run(ReconciliationRunRecord row, int parts) {}

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
            outcome = batch.run(id, actor, request, onProgress, files);
        } catch (RuntimeException e) {
            fail(id, e);
            throw e;
        }
        try {
            storeParts(id, outcome.report());
            db.write(tx -> { // the close the report announces and the run's completion: one transaction
                if (outcome.pendingClose() != null) {
                    outcome.pendingClose().commit(tx);
                }
                complete(tx, id, outcome);
                return null;
            });
        } catch (IOException e) {
            outcome.report().close();
            UncheckedIOException failure = new UncheckedIOException("cannot store the report: " + e.getMessage(), e);
            fail(id, failure);
            throw failure;
        } catch (RuntimeException e) {
            outcome.report().close();
            fail(id, e);
            throw e;
        }
        return outcome;
    }

    /**
     * Stores the report's text in parts of {@link #PART_CHARS_MAX} characters,
     * {@link #PARTS_PER_TRANSACTION} parts per transaction, read from its spool as it goes:
     * a report of a million journal lines (87 MB) never sits in memory whole. The run is
     * still RUNNING meanwhile, and only a COMPLETE run shows its parts, so the parts of a run
     * killed half-way are never presented as a report.
     */
    private void storeParts(String id, SpooledReport report) throws IOException {
        try (Reader in = report.reader()) {
            char[] buffer = new char[PART_CHARS_MAX];
            int filled = 0;
            int no = 0;
            List<ReconciliationReportPartRecord> pending = new ArrayList<>();
            while (true) {
                int read = in.read(buffer, filled, buffer.length - filled);
                if (read > 0) {
                    filled += read;
                    if (filled < buffer.length) {
                        continue;
                    }
                }
                boolean end = read < 0;
                if (filled > 0) {
                    int cut = filled;
                    if (!end && Character.isHighSurrogate(buffer[cut - 1])) {
                        cut--; // never split a character outside the Basic Multilingual Plane
                    }
                    ReconciliationReportPartRecord part = new ReconciliationReportPartRecord();
                    part.setRunId(id);
                    part.setPartNo(no++);
                    part.setContent(new String(buffer, 0, cut));
                    pending.add(part);
                    System.arraycopy(buffer, cut, buffer, 0, filled - cut);
                    filled -= cut;
                }
                if (pending.size() == PARTS_PER_TRANSACTION || (end && !pending.isEmpty())) {
                    List<ReconciliationReportPartRecord> parts = List.copyOf(pending);
                    db.write(tx -> {
                        tx.insertAll(parts);
                        return null;
                    });
                    pending.clear();
                }
                if (end) {
                    return;
                }
            }
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

    public Run find(DSLContext dsl, String id) {
        ReconciliationRunRecord row = dsl.selectFrom(RECONCILIATION_RUN).where(RECONCILIATION_RUN.ID.eq(id)).fetchOne();
        if (row == null) {
            throw Rejection.notFound("no reconciliation run " + id);
        }
        if (!COMPLETE.equals(row.getStatus())) {
            return new Run(row, 0);
        }
        return new Run(row, dsl.fetchCount(RECONCILIATION_REPORT_PART, RECONCILIATION_REPORT_PART.RUN_ID.eq(id)));
    }

    /**
     * Part {@code partNo} (from 0) of a COMPLETE run's report: the report is read a part at a
     * time, each in its own short read, so neither the service's memory nor a connection is
     * held for the whole of a large report while a client downloads it. A COMPLETE run's
     * parts never change.
     */
    public String part(DSLContext dsl, String id, int partNo) {
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
