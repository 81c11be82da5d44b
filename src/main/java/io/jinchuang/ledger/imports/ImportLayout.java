package io.jinchuang.ledger.imports;

import java.util.List;

/**
 * The one column layout of an import file (README, "Import"): a header naming columns of
 * this list (any order, each at most once; {@code type} is required), then one row per
 * fund, partner, company, contribution, investment, exit, valuation, monitoring report or
 * distribution. An empty cell is an absent field.
 */
public final class ImportLayout {
    static final String TYPE = "type";
    static final String FUND = "fund";
    /** The documented order; a file may leave out columns none of its rows use. */
    public static final List<String> COLUMNS = List.of(TYPE, FUND, "date", "name", "nameZh", "kind", "manager",
            "toleranceRate", "partnerCode", "role", "committed", "creditCode", "sector", "amount", "round",
            "dueDiligenceRef", "decisionRef", "decisionDate", "conflictOfInterest", "exitType", "proceeds",
            "costReleased", "fairValue", "reportRef", "reference");

    private ImportLayout() {}

    public static String header() {
        return String.join(",", COLUMNS);
    }
}
