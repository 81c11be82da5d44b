package io.jinchuang.ledger.reconciliation;

import static io.jinchuang.ledger.db.Tables.ACCOUNT_BALANCE;
import static io.jinchuang.ledger.db.Tables.FUND;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jinchuang.ledger.Rejection;
import io.jinchuang.ledger.db.tables.records.FundRecord;
import io.jinchuang.ledger.money.Money;
import io.jinchuang.ledger.store.Database;
import io.jinchuang.ledger.store.Tx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;

/**
 * The year-end batch (SPEC §7) over every fund: {@link JournalPass} (chain, balance, sums,
 * cash), the kept balances, the deals of the year and the roll-forward, the tolerance status
 * on 31 December, the bank statement; then, when asked and clean, the period close. It
 * writes no journal entry. Each fund is read in one transaction, retried when a posting to
 * that fund commits meanwhile, so a running service never produces a false discrepancy.
 */
public final class YearEndBatch {
    /** Reads of one fund retried when postings keep moving its head; the last try locks the fund. */
    static final int FUND_ATTEMPTS_MAX = 3;
    static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Request(FiscalYear year, boolean close, Map<String, List<StatementLine>> statements) {}

    /** Funds done out of the total, as the batch goes. */
    public interface Progress {
        void fundsDone(int done, int total);
    }

    /** What happened to a requested close; {@code refused} means it could not be done though the year was clean. */
    public record CloseOutcome(boolean requested, boolean closed, boolean refused, String detail) {}

    /**
     * The finished report (JSON, spooled to a temporary file) and what the command's exit
     * code follows. Close the report once it is stored and written: that deletes the file.
     * {@code pendingClose}: the close the report announces, to be committed in the
     * transaction that completes the run (null when none is due).
     */
    public record Outcome(boolean clean, int discrepancies, CloseOutcome close, SpooledReport report,
                          PendingClose pendingClose) {}

    /**
     * A close the batch found possible (clean, every rule met, no new entry in the year): it
     * commits with the stored report, in one transaction, so no kill leaves a closed year
     * whose report was never stored. Refused there (409) when a posting into the year or
     * another close got in since the batch checked.
     */
    public record PendingClose(FiscalYear year, Map<String, Long> heads, String actor, String runId, Clock clock) {
        public void commit(Tx tx) {
            Instant now = clock.instant();
            PeriodClose.close(tx, year, LocalDate.ofInstant(now, ZoneOffset.UTC), heads, actor, runId, now);
        }
    }

    private final Database db;
    private final ToleranceStatusProvider tolerance;
    private final Clock clock;
    private final int timeoutSeconds;
    private final int threads;

    /** {@code threads}: funds reconciled at once (each holds a database connection while it is read). */
    public YearEndBatch(Database db, ToleranceStatusProvider tolerance, Clock clock, int timeoutSeconds, int threads) {
        this.db = db;
        this.tolerance = tolerance;
        this.clock = clock;
        this.timeoutSeconds = timeoutSeconds;
        this.threads = threads;
    }

    /** Refuses a request that cannot run (422) or cannot close (409) before anything is read. */
    public void check(Request request) {
        db.read(dsl -> {
            check(dsl, request);
            return null;
        });
    }

    public void check(DSLContext dsl, Request request) {
        for (String fund : request.statements().keySet()) {
            if (!dsl.fetchExists(FUND, FUND.CODE.eq(fund))) {
                throw Rejection.invalid("statements", "names no fund " + fund);
            }
        }
        if (request.close()) {
            PeriodClose.checkCanClose(dsl, request.year(), today());
        }
    }

    /** Takes each fund's part of the report as soon as the fund is done, on the fund's thread. */
    public interface FundParts {
        /** {@code index}: the fund's place in fund-code order; {@code json}: its part (a JSON object, UTF-8). */
        void done(int index, java.nio.file.Path json);
    }

    public Outcome run(String runId, String actor, Request request, Progress progress) {
        return run(runId, actor, request, progress, null, null);
    }

    /**
     * As {@link #run(String, String, Request, Progress)}, and writes each fund's report files
     * into {@code files} (when not null) on the fund's thread as soon as the fund is done; the
     * caller finishes them with the run's head ({@link SpooledReport#head()}). Each fund's part
     * goes to {@code parts} (when not null) as soon as it is written.
     */
    public Outcome run(String runId, String actor, Request request, Progress progress, ReportFiles.Draft files,
                       FundParts parts) {
        check(request);
        List<String> codes = db.read(dsl -> dsl.select(FUND.CODE).from(FUND).orderBy(FUND.CODE).fetch(r -> r.value1()));
        SpooledReport spool = SpooledReport.create();
        try {
            return run(runId, actor, request, progress, codes, spool, files, parts);
        } catch (RuntimeException | Error e) {
            spool.close();
            throw e;
        }
    }

    private Outcome run(String runId, String actor, Request request, Progress progress, List<String> codes,
                        SpooledReport spool, ReportFiles.Draft files, FundParts parts) {
        // the time stamp of the run's start: each fund's file repeats it as soon as the fund is done
        Map<String, Object> run = FundReport.obj("year", request.year().year(),
                "periodStart", request.year().start().toString(), "periodEnd", request.year().end().toString(),
                "generatedAt", INSTANT.format(clock.instant()));
        List<FundDone> funds = reconcileFunds(codes, request, progress, spool, files == null ? null
                : new FundFiles(files, JSON.valueToTree(run)), parts);
        Map<String, Long> heads = new TreeMap<>();
        List<java.nio.file.Path> fundJson = new ArrayList<>();
        List<Map<String, Object>> summary = new ArrayList<>();
        int discrepancies = 0;
        for (FundDone fund : funds) {
            heads.put(fund.code(), fund.head());
            discrepancies += fund.discrepancies();
            fundJson.add(fund.json());
            summary.add(fund.summary());
        }
        boolean clean = discrepancies == 0;
        CloseOutcome close = close(request, clean, discrepancies, heads);
        PendingClose pending = close.closed() && request.close()
                ? new PendingClose(request.year(), heads, actor, runId, clock) : null;
        Map<String, Object> head = new LinkedHashMap<>(run);
        head.putAll(FundReport.obj("clean", clean, "discrepancies", discrepancies,
                "close", FundReport.obj("requested", close.requested(), "closed", close.closed(),
                        "detail", close.detail()),
                "statements", new ArrayList<>(new TreeSet<>(request.statements().keySet())),
                "fundsSummary", summary));
        spool.finish(write(head), fundJson);
        return new Outcome(clean, discrepancies, close, spool, pending);
    }

    /** One fund's part of the report, written, with what the rest of the run needs of it. */
    private record FundDone(String code, long head, int discrepancies, java.nio.file.Path json,
                            Map<String, Object> summary) {}

    /**
     * Every fund, on up to {@code threads} threads (funds are independent; each is read in its own
     * transaction), the results in fund-code order whatever order they finish in.
     */
    private List<FundDone> reconcileFunds(List<String> codes, Request request, Progress progress,
                                          SpooledReport spool, FundFiles files, FundParts parts) {
        Map<String, Integer> index = new java.util.HashMap<>();
        for (int i = 0; i < codes.size(); i++) {
            index.put(codes.get(i), i);
        }
        int threads = Math.max(1, Math.min(this.threads, codes.size()));
        AtomicInteger done = new AtomicInteger();
        java.util.function.Function<String, FundDone> one = code -> {
            int at = index.get(code);
            FundDone fund = reconcileFund(code, request, spool.fundFile(at));
            if (parts != null) {
                parts.done(at, fund.json());
            }
            if (files != null) {
                files.write(fund.json());
            }
            int finished = done.incrementAndGet();
            synchronized (progress) {
                progress.fundsDone(finished, codes.size());
            }
            return fund;
        };
        if (threads == 1) {
            return codes.stream().map(one).toList();
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, "year-end-fund");
            thread.setDaemon(true);
            return thread;
        });
        List<Future<FundDone>> futures = new ArrayList<>();
        try {
            for (String code : codes) {
                futures.add(pool.submit(() -> one.apply(code)));
            }
            List<FundDone> funds = new ArrayList<>();
            for (Future<FundDone> future : futures) {
                funds.add(future.get());
            }
            return funds;
        } catch (InterruptedException e) {
            pool.shutdownNow(); // asked to stop (the service is closing)
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reconciling", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("reconciling a fund failed", e.getCause());
        } finally {
            // A fund failed (or all are done): the funds not started never start, and those being
            // reconciled finish, uninterrupted, before the run is failed: each stores its part of the
            // report, and a thread interrupted in the database's or the log's file I/O would close
            // the file under every other transaction.
            futures.forEach(future -> future.cancel(false));
            pool.shutdown();
            awaitFunds(pool);
        }
    }

    private static void awaitFunds(ExecutorService pool) {
        try {
            while (!pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES)) {
                // a fund's reads have their own time-out
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Report files of each fund as it is done: its spooled part read back, so the bytes are those of the report. */
    private record FundFiles(ReportFiles.Draft draft, com.fasterxml.jackson.databind.JsonNode run) {
        void write(java.nio.file.Path fundJson) {
            try {
                draft.fund(run, JSON.readTree(fundJson.toFile()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write a fund's report files: " + e.getMessage(), e);
            }
        }
    }

    private FundDone reconcileFund(String code, Request request, java.nio.file.Path file) {
        FundYear year = readFund(code, request);
        FundReport.Built built = FundReport.build(year);
        int found = built.discrepancies().size();
        Map<String, Object> summary = FundReport.obj("fund", year.fund().getCode(), "name", year.fund().getName(),
                "nameZh", year.fund().getNameZh(), "kind", year.fund().getKind(),
                "entries", year.journal().entries(), "clean", found == 0, "discrepancies", found,
                "toleranceStatus", year.tolerance().status().name());
        try {
            JSON.writeValue(file.toFile(), built.json()); // UTF-8, compact: as the report carries it
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spool fund " + code + "'s report", e);
        }
        return new FundDone(code, year.fund().getHeadSeq(), found, file, summary);
    }

    private FundYear readFund(String code, Request request) {
        for (int attempt = 1; ; attempt++) {
            boolean lock = attempt == FUND_ATTEMPTS_MAX;
            FundYear year = db.read(dsl -> readFund(dsl, code, request, lock));
            if (year != null) {
                return year;
            }
        }
    }

    /** One fund in one transaction; null when a posting moved its head meanwhile (read again). */
    private FundYear readFund(DSLContext dsl, String code, Request request, boolean lock) {
        var select = dsl.selectFrom(FUND).where(FUND.CODE.eq(code));
        FundRecord fund = lock ? select.forUpdate().fetchOne() : select.fetchOne();
        long head = fund.getHeadSeq();
        FiscalYear fy = request.year();
        JournalPass.Result journal = JournalPass.run(dsl, fund, fy, timeoutSeconds);
        Map<String, BigDecimal> kept = new TreeMap<>();
        dsl.select(ACCOUNT_BALANCE.ACCOUNT, ACCOUNT_BALANCE.BALANCE).from(ACCOUNT_BALANCE)
                .where(ACCOUNT_BALANCE.FUND_CODE.eq(code)).orderBy(ACCOUNT_BALANCE.FUND_CODE, ACCOUNT_BALANCE.ACCOUNT)
                .queryTimeout(timeoutSeconds)
                .fetch().forEach(r -> kept.put(r.value1(), r.value2().setScale(Money.SCALE)));
        Map<String, String> names = new TreeMap<>(); // the companies' names come with the investments
        var investments = DealsOfYear.investments(dsl, code, head, fy, timeoutSeconds, names, journal.reversals());
        var exits = DealsOfYear.exits(dsl, code, head, fy, timeoutSeconds, journal.reversals());
        var calls = DealsOfYear.capitalCalls(dsl, code, head, fy, timeoutSeconds);
        var distributions = DealsOfYear.distributions(dsl, code, head, fy, timeoutSeconds);
        TreeSet<String> holdings = new TreeSet<>();
        investments.forEach(i -> holdings.add(i.holding()));
        exits.forEach(e -> holdings.add(e.holding()));
        journal.accounts().keySet().forEach(a -> {
            String holding = FundReport.holdingOf(a);
            if (holding != null) {
                holdings.add(holding);
            }
        });
        List<String> unnamed = holdings.stream().filter(h -> !names.containsKey(h)).toList();
        if (!unnamed.isEmpty()) {
            names.putAll(io.jinchuang.ledger.metrics.CompanyNames.ofHoldings(dsl, List.of(code), unnamed));
        }
        var status = tolerance.statusOn(dsl, fund, fy.end());
        Long headNow = dsl.select(FUND.HEAD_SEQ).from(FUND).where(FUND.CODE.eq(code)).fetchOne(FUND.HEAD_SEQ);
        if (!lock && headNow != head) {
            return null;
        }
        return new FundYear(fund, fy, journal, kept, investments, exits, calls, distributions, names, status,
                request.statements().get(code));
    }

    /** Whether the year is closed, or (asked to close it) whether it can be: checked now, committed with the report. */
    private CloseOutcome close(Request request, boolean clean, int discrepancies, Map<String, Long> heads) {
        if (!request.close()) {
            boolean closed = db.read(dsl -> PeriodClose.closed(dsl, request.year().year()) != null
                    || isClosedThrough(dsl, request.year()));
            return new CloseOutcome(false, closed, false, closed ? "the period is closed" : "the period is open");
        }
        if (!clean) {
            return new CloseOutcome(true, false, false, "not closed: the batch found " + discrepancies
                    + " discrepancies");
        }
        try {
            db.read(dsl -> {
                PeriodClose.check(dsl, request.year(), today(), heads);
                return null;
            });
            return new CloseOutcome(true, true, false, "closed by this run");
        } catch (Rejection refused) {
            return new CloseOutcome(true, false, true, refused.getMessage());
        }
    }

    private static boolean isClosedThrough(DSLContext dsl, FiscalYear year) {
        Integer through = io.jinchuang.ledger.journal.ClosedPeriods.closedThrough(dsl);
        return through != null && year.year() <= through;
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static String write(Map<String, Object> json) {
        try {
            return JSON.writeValueAsString(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
