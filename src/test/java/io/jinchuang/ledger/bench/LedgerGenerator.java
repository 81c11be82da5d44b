package io.jinchuang.ledger.bench;

import io.jinchuang.ledger.companies.CreditCode;
import io.jinchuang.ledger.imports.ImportLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes a valid import file (the layout of {@link ImportLayout}) for a multi-fund ledger:
 * guidance funds (one per ten funds) with sub-funds of every kind, ten partners' worth of
 * capital calls, investments (new and follow-on), monitoring reports, valuations, exits
 * with gains, losses, partial exits and write-offs, and yearly distributions, year by year.
 * It keeps every fund's cash in step so that every row passes the ledger's rules. The same
 * seed gives the same file.
 */
public final class LedgerGenerator {
    /** Journal lines a sub-fund's year needs besides its deals: two calls, a distribution and the guidance sides. */
    private static final int FIXED_LINES_PER_FUND_YEAR = 14;
    private static final long COMMITTED_FEN = 900_000_000_000_000L; // 9 trillion yuan: never the binding rule

    private final int funds;
    private final int years;
    private final int firstYear;
    private final int investmentsPerFundYear;
    private final Random random;
    private final String prefix;
    private final Writer out;
    private final String[] columns = ImportLayout.COLUMNS.toArray(String[]::new);
    private long rows;
    private long expectedLines;
    private int companies;

    /** A sub-fund's books as the generator keeps them, in fen. */
    private static final class SubFund {
        final String code;
        final String guidance;
        long cash;
        final Map<String, long[]> held = new LinkedHashMap<>(); // credit code → {cost remaining}
        final List<String> exitable = new ArrayList<>();

        SubFund(String code, String guidance) {
            this.code = code;
            this.guidance = guidance;
        }
    }

    /**
     * @param lines about how many journal lines the file should post in all
     * @param prefix put in front of every fund code (so several files can go into one ledger)
     */
    public LedgerGenerator(Writer out, int funds, int years, int firstYear, long lines, long seed, String prefix) {
        if (funds < 2 || years < 1) {
            throw new IllegalArgumentException("at least 2 funds and 1 year");
        }
        this.out = out;
        this.funds = funds;
        this.years = years;
        this.firstYear = firstYear;
        this.prefix = prefix;
        this.random = new Random(seed);
        int subFunds = funds - guidanceCount();
        long perFundYear = Math.max(FIXED_LINES_PER_FUND_YEAR + 3, lines / ((long) subFunds * years));
        // about 2.8 lines per investment: its own 2, a third of an exit's 2 or 3, and follow-ons
        this.investmentsPerFundYear = (int) Math.max(1, (perFundYear - FIXED_LINES_PER_FUND_YEAR) * 10 / 28);
    }

    private int guidanceCount() {
        return Math.max(1, funds / 10);
    }

    /** Writes the whole file; returns the number of data rows. */
    public long write() {
        row("type", "type");
        rows = 0;
        List<String> guidance = new ArrayList<>();
        for (int g = 0; g < guidanceCount(); g++) {
            String code = prefix + "G" + g;
            guidance.add(code);
            row("type", "FUND", "fund", code, "date", firstYear + "-01-01", "name", "Guidance Fund " + g,
                    "nameZh", "引导基金" + g, "kind", "GUIDANCE", "manager", "Province");
            row("type", "PARTNER", "fund", code, "partnerCode", "TREASURY", "name", "Provincial Treasury",
                    "role", "LP", "committed", money(COMMITTED_FEN));
        }
        String[] kinds = {"SEED", "ANGEL", "VENTURE", "INDUSTRY"};
        List<SubFund> subFunds = new ArrayList<>();
        for (int f = 0; f < funds - guidanceCount(); f++) {
            SubFund fund = new SubFund(prefix + "F" + f, guidance.get(f % guidance.size()));
            subFunds.add(fund);
            row("type", "FUND", "fund", fund.code, "date", firstYear + "-01-01", "name", "Sub-fund " + f,
                    "kind", kinds[f % kinds.length], "manager", f % 2 == 0 ? "Demo Capital" : "Other Capital",
                    "toleranceRate", "0.80");
            partner(fund.code, fund.guidance, "GUIDANCE");
            partner(fund.code, "LP-A", "LP");
            partner(fund.code, "LP-B", "LP");
            partner(fund.code, "GP", "GP");
        }
        for (int year = firstYear; year < firstYear + years; year++) {
            writeYear(year, guidance, subFunds);
        }
        flush();
        return rows;
    }

    /** Journal lines the file posts (counted as it was written), to check against the import's own count. */
    public long expectedLines() {
        return expectedLines;
    }

    private void writeYear(int year, List<String> guidance, List<SubFund> subFunds) {
        // each sub-fund calls 110 % of what it will invest this year; the guidance fund pays 30 % of it
        Map<SubFund, Long> calls = new LinkedHashMap<>();
        Map<String, Long> guidanceNeeds = new LinkedHashMap<>();
        for (SubFund fund : subFunds) {
            long call = investmentsPerFundYear * 6_000_000_00L;
            calls.put(fund, call);
            guidanceNeeds.merge(fund.guidance, call * 3 / 10, Long::sum);
        }
        for (String g : guidance) {
            row("type", "CAPITAL_CALL", "fund", g, "date", year + "-01-02", "partnerCode", "TREASURY",
                    "amount", money(guidanceNeeds.getOrDefault(g, 1_00L)), "reference", "T-" + g + "-" + year);
            expectedLines += 2;
        }
        for (SubFund fund : subFunds) {
            capitalCall(fund, year, calls.get(fund));
            deals(fund, year);
            distribution(fund, year);
        }
    }

    private void capitalCall(SubFund fund, int year, long call) {
        long guidanceShare = call * 3 / 10;
        long a = call * 4 / 10;
        long b = call * 2 / 10;
        long gp = call - guidanceShare - a - b;
        String date = year + "-01-10";
        String reference = "CALL-" + fund.code + "-" + year;
        row("type", "CAPITAL_CALL", "fund", fund.code, "date", date, "partnerCode", fund.guidance,
                "amount", money(guidanceShare), "reference", reference);
        row("type", "CAPITAL_CALL", "fund", fund.code, "date", date, "partnerCode", "LP-A", "amount", money(a),
                "reference", reference);
        row("type", "CAPITAL_CALL", "fund", fund.code, "date", date, "partnerCode", "LP-B", "amount", money(b),
                "reference", reference);
        row("type", "CAPITAL_CALL", "fund", fund.code, "date", date, "partnerCode", "GP", "amount", money(gp),
                "reference", reference);
        fund.cash += call;
        expectedLines += 5 + 2;
    }

    private void deals(SubFund fund, int year) {
        // last year's holdings may be exited this year; this year's only from next year on
        List<String> exitable = new ArrayList<>(fund.exitable);
        List<String> boughtThisYear = new ArrayList<>();
        List<String> partlyExited = new ArrayList<>();
        for (int i = 0; i < investmentsPerFundYear; i++) {
            LocalDate date = LocalDate.of(year, 2, 1).plusDays(i * 300L / investmentsPerFundYear);
            invest(fund, date, boughtThisYear);
            if (i % 3 == 1 && !exitable.isEmpty()) {
                String company = exitable.remove(random.nextInt(exitable.size()));
                if (exit(fund, date, company)) {
                    partlyExited.add(company);
                }
            }
            if (i % 3 == 2 && !boughtThisYear.isEmpty()) {
                String held = boughtThisYear.get(random.nextInt(boughtThisYear.size()));
                if (i % 2 == 0) {
                    row("type", "VALUATION", "fund", fund.code, "date", date.toString(), "creditCode", held,
                            "fairValue", money(fund.held.get(held)[0] * (50 + random.nextInt(150)) / 100));
                } else {
                    row("type", "MONITORING_REPORT", "fund", fund.code, "date", date.toString(), "creditCode", held,
                            "reportRef", "MR-" + year + "-" + i);
                }
            }
        }
        fund.exitable.clear();
        fund.exitable.addAll(exitable);
        fund.exitable.addAll(boughtThisYear);
        fund.exitable.addAll(partlyExited);
    }

    private void invest(SubFund fund, LocalDate date, List<String> boughtThisYear) {
        long amount = (1_000_000_00L + random.nextInt(4_000_000) * 100L);
        String company;
        if (!boughtThisYear.isEmpty() && random.nextInt(4) == 0) {
            company = boughtThisYear.get(random.nextInt(boughtThisYear.size())); // a follow-on
        } else {
            company = newCompany();
            boughtThisYear.add(company);
        }
        row("type", "INVESTMENT", "fund", fund.code, "date", date.toString(), "creditCode", company,
                "amount", money(amount), "round", "R" + random.nextInt(4), "dueDiligenceRef", "DD-" + company,
                "decisionRef", "IC-" + company, "decisionDate", date.minusDays(10).toString(),
                "conflictOfInterest", random.nextInt(50) == 0 ? "true" : "false");
        fund.held.computeIfAbsent(company, c -> new long[1])[0] += amount;
        fund.cash -= amount;
        expectedLines += 2;
    }

    private String newCompany() {
        String first17 = "9114" + String.format("%013d", companies++);
        String code = first17 + CreditCode.checkCharacter(first17);
        row("type", "COMPANY", "creditCode", code, "name", "Company " + companies, "sector",
                random.nextBoolean() ? "sensors" : "新能源");
        return code;
    }

    /** @return whether some cost is left (a partial exit) */
    private boolean exit(SubFund fund, LocalDate date, String company) {
        long cost = fund.held.get(company)[0];
        int kind = random.nextInt(4);
        if (kind == 0) { // write-off: the whole cost is lost
            row("type", "EXIT", "fund", fund.code, "date", date.toString(), "creditCode", company,
                    "exitType", "WRITE_OFF", "proceeds", "0");
            fund.held.remove(company);
            expectedLines += 2;
            return false;
        }
        long released = kind == 1 ? cost / 2 : cost;
        long proceeds = released * (30 + random.nextInt(270)) / 100; // a loss or a gain
        row("type", "EXIT", "fund", fund.code, "date", date.toString(), "creditCode", company,
                "exitType", kind == 1 ? "SHARE_TRANSFER" : kind == 2 ? "MERGER" : "IPO", "proceeds", money(proceeds),
                "costReleased", kind == 1 ? money(released) : null, "reference", "EXIT-" + company);
        fund.cash += proceeds;
        expectedLines += 2 + (proceeds != released && proceeds > 0 ? 1 : 0) - (proceeds == 0 ? 1 : 0);
        if (kind == 1) {
            fund.held.get(company)[0] -= released;
            return true;
        }
        fund.held.remove(company);
        return false;
    }

    private void distribution(SubFund fund, int year) {
        long amount = fund.cash / 2 / 100 * 100;
        if (amount <= 0) {
            return;
        }
        row("type", "DISTRIBUTION", "fund", fund.code, "date", year + "-12-20", "amount", money(amount),
                "reference", "DIST-" + fund.code + "-" + year);
        fund.cash -= amount;
        expectedLines += 5 + 2;
    }

    private void partner(String fund, String code, String role) {
        row("type", "PARTNER", "fund", fund, "partnerCode", code, "name", "Partner " + code, "role", role,
                "committed", money(COMMITTED_FEN));
    }

    private static String money(long fen) {
        return fen / 100 + "." + String.format("%02d", fen % 100);
    }

    /** One row: column/value pairs, every other column empty (the header row when the pair is "type","type"). */
    private void row(String... columnsAndValues) {
        try {
            if (columnsAndValues[1].equals("type")) {
                out.write(String.join(",", columns));
                out.write('\n');
                return;
            }
            Map<String, String> cells = new LinkedHashMap<>();
            for (int i = 0; i < columnsAndValues.length; i += 2) {
                cells.put(columnsAndValues[i], columnsAndValues[i + 1]);
            }
            StringBuilder line = new StringBuilder(160);
            for (int i = 0; i < columns.length; i++) {
                if (i > 0) {
                    line.append(',');
                }
                String value = cells.get(columns[i]);
                if (value != null) {
                    line.append(value);
                }
            }
            line.append('\n');
            out.write(line.toString());
            rows++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
