package io.jinchuang.ledger.imports;

import static io.jinchuang.ledger.db.Tables.FUND;
import static io.jinchuang.ledger.db.Tables.JOURNAL_LINE;

import io.jinchuang.ledger.Rejection;
import io.jinchuang.ledger.auth.Principal;
import io.jinchuang.ledger.auth.Role;
import io.jinchuang.ledger.companies.Companies;
import io.jinchuang.ledger.deals.Deals;
import io.jinchuang.ledger.deals.Investments;
import io.jinchuang.ledger.funds.Funds;
import io.jinchuang.ledger.journal.Balances;
import io.jinchuang.ledger.journal.Actor;
import io.jinchuang.ledger.journal.Journal;
import io.jinchuang.ledger.store.Tx;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;
import org.jooq.DSLContext;
import org.jooq.Record3;

/**
 * Bulk import of historical deals from one CSV file (README, "Import"), all or nothing:
 * {@link #read} checks every cell with the HTTP API's field rules, {@link #authorize} and
 * {@link #check} refuse the file before anything is posted (403, or 422 naming every bad
 * line), and {@link #apply} posts every row through the same use cases as the HTTP API in
 * the caller's one transaction; a rule that needs the ledger's state (cash, committed,
 * cost held…) refuses the file at the first line that breaks it, and the caller's
 * transaction rolls everything back.
 */
public final class Imports {
    private final Posting.UseCases useCases;
    private final ImportReader reader;

    public Imports(Funds funds, Companies companies, Deals deals, Investments investments, int textLengthMax,
                   int rowsMax) {
        this.useCases = new Posting.UseCases(funds, companies, deals, investments);
        this.reader = new ImportReader(textLengthMax, rowsMax);
    }

    /** Reads and checks every row; a file that is not CSV of the layout is refused (MALFORMED). */
    public ImportFile read(Reader csv) {
        return reader.read(csv);
    }

    /**
     * A manager imports only into funds it manages: every fund a row names (as written) must
     * be one of its own, or opened by a FUND row of the file under its own name; otherwise
     * the whole file is refused before its rows are judged. {@code principal} null is the
     * operator at the command line.
     */
    public void authorize(DSLContext dsl, ImportFile file, Principal principal) {
        if (principal == null || principal.role() == Role.ADMIN) {
            return;
        }
        if (principal.role() != Role.MANAGER) {
            throw Rejection.forbidden("the " + principal.role() + " role cannot import");
        }
        Map<String, String> managers = managers(dsl, file);
        for (ImportFile.FundNamed named : file.funds()) {
            // a fund opened by the file is the manager's if opened under its name; an existing one if it manages
            // it; one that neither exists nor is opened is a line error for check, not a refusal of the file
            String manager = named.opened() ? named.manager() : managers.get(named.fund());
            boolean unknown = !named.opened() && manager == null;
            if (!unknown && !principal.manager().equals(manager)) {
                throw Rejection.forbidden("line " + named.line() + ": fund " + named.fund()
                        + (named.opened() ? " would be opened under another manager's name"
                        : " is managed by another manager") + "; a manager imports only into its own funds");
            }
        }
    }

    /**
     * Refuses the file (422) with every bad line: the cells the field rules refused, and rows
     * that post to a fund that neither exists nor is opened by a FUND row above them.
     */
    public void check(DSLContext dsl, ImportFile file) {
        List<Rejection.FieldError> errors = new ArrayList<>(file.errors());
        Map<String, String> existing = managers(dsl, file);
        Set<String> opened = new HashSet<>();
        for (ImportFile.FundNamed named : file.funds()) {
            if (named.fund() == null) {
                continue; // already reported as required
            }
            if (named.opened()) {
                opened.add(named.fund());
            } else if (!existing.containsKey(named.fund()) && !opened.contains(named.fund())) {
                errors.add(new Rejection.FieldError(ImportLayout.FUND, "names no fund; open it with a FUND row above "
                        + "this one, or POST /funds first", named.line()));
            }
        }
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparing(Rejection.FieldError::line));
            long lines = errors.stream().map(Rejection.FieldError::line).distinct().count();
            throw Rejection.of(Rejection.Kind.INVALID, lines == 1 ? "line " + errors.get(0).line() + " is invalid: "
                    + errors.get(0).field() + " " + errors.get(0).message()
                    : lines + " lines are invalid; nothing was imported", errors);
        }
    }

    /** The managers of the existing funds the file names (fund code → manager). */
    private static Map<String, String> managers(DSLContext dsl, ImportFile file) {
        Set<String> codes = new HashSet<>();
        file.funds().forEach(f -> {
            if (f.fund() != null) {
                codes.add(f.fund());
            }
        });
        Map<String, String> managers = new HashMap<>();
        dsl.select(FUND.CODE, FUND.MANAGER).from(FUND).where(FUND.CODE.in(codes)).fetch()
                .forEach(r -> managers.put(r.value1(), r.value2()));
        return managers;
    }

    /** Rows written but not yet sent to the database before an import sends them (it bounds its memory). */
    static final int PENDING_WRITES_MAX = 250_000;

    /**
     * Posts every row of a checked file, in file order, through the use cases, within
     * {@code tx}. A refusal names the line; the caller's transaction then rolls back.
     */
    public ImportResult apply(Tx tx, ImportFile file, Actor actor) {
        return apply(tx, file, actor, posted -> { });
    }

    /** Progress steps {@link #apply(Tx, ImportFile, Actor, LongConsumer)} reports. */
    static final int PROGRESS_STEPS = 10;
    /** A file of fewer postings than this is done before anyone would wait for progress. */
    static final int PROGRESS_POSTINGS_MIN = 5_000;

    /**
     * As {@link #apply(Tx, ImportFile, Actor)}, telling {@code progress} how many postings are
     * done at every tenth of a file of at least {@link #PROGRESS_POSTINGS_MIN} postings.
     */
    public ImportResult apply(Tx tx, ImportFile file, Actor actor, LongConsumer progress) {
        if (!file.errors().isEmpty()) {
            throw new IllegalStateException("an import file with errors reached apply; check it first");
        }
        readAhead(tx, file, tx.dsl().select(FUND.CODE, FUND.KIND).from(FUND).fetchMap(FUND.CODE, FUND.KIND));
        long step = file.postings().size() < PROGRESS_POSTINGS_MIN ? Long.MAX_VALUE
                : file.postings().size() / PROGRESS_STEPS;
        long done = 0;
        for (Posting posting : file.postings()) {
            try {
                posting.post(useCases, tx, actor);
            } catch (Rejection refused) {
                throw LineErrors.at(refused, posting);
            }
            tx.flushWhenOver(PENDING_WRITES_MAX);
            if (++done % step == 0 && done < file.postings().size()) {
                progress.accept(done);
            }
        }
        return result(tx, file);
    }

    /**
     * Reads at once what the rows will read one by one: the balances and partners of every
     * existing fund they post to and every company they name. Only a cache for this
     * transaction: the use cases still judge every row. It takes the locks in the order every
     * other path takes them, so that an import and a posting or a period close wait for each
     * other rather than deadlock: the period row first when the file opens a fund (opening
     * one takes it), then the sub-funds, then the guidance funds, each by code.
     */
    private static void readAhead(Tx tx, ImportFile file, Map<String, String> existingFunds) {
        java.util.SortedSet<String> funds = new java.util.TreeSet<>();
        Set<String> companies = new HashSet<>();
        for (Posting posting : file.postings()) {
            if (posting.fund() != null && existingFunds.containsKey(posting.fund())) {
                funds.add(posting.fund());
            }
            if (posting.creditCode() != null) {
                companies.add(posting.creditCode());
            }
        }
        if (file.funds().stream().anyMatch(ImportFile.FundNamed::opened)) {
            io.jinchuang.ledger.journal.ClosedPeriods.lockPeriods(tx);
        }
        List<String> ordered = new ArrayList<>(funds);
        String guidance = io.jinchuang.ledger.funds.FundKind.GUIDANCE.name();
        ordered.sort(Comparator.<String, Boolean>comparing(code -> guidance.equals(existingFunds.get(code)))
                .thenComparing(code -> code));
        for (String fund : ordered) {
            Balances.readAll(tx, fund);
            Funds.readPartners(tx, fund);
        }
        Companies.readEach(tx, companies);
    }

    /** What this transaction posted, per fund: counted as it posted, not read off the heads (others may post too). */
    private static ImportResult result(Tx tx, ImportFile file) {
        DSLContext dsl = tx.dsl();
        List<ImportResult.FundHead> grown = new ArrayList<>();
        long entries = 0;
        long lines = 0;
        for (Record3<String, Long, String> fund : dsl.select(FUND.CODE, FUND.HEAD_SEQ, FUND.HEAD_HASH).from(FUND)
                .orderBy(FUND.CODE).fetch()) {
            long posted = Journal.entriesPosted(tx, fund.value1());
            if (posted > 0) {
                grown.add(new ImportResult.FundHead(fund.value1(), posted, fund.value2(), fund.value3()));
                entries += posted;
                lines += Journal.linesPosted(tx, fund.value1());
            }
        }
        return new ImportResult(file.rows(), file.postings().size(), entries, lines, grown);
    }
}
