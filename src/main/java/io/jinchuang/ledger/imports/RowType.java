package io.jinchuang.ledger.imports;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The kinds of row an import file may hold, and for each the columns it uses: column name
 * to the field of the posting's form ({@link io.jinchuang.ledger.input.Forms}), so that a
 * cell is checked by exactly the rule the HTTP API applies to that field. Every other
 * column must be empty in that row. The {@code fund} column names the fund posted to.
 */
enum RowType {
    FUND(false, "fund", "code", "date", "vintage", "name", "name", "nameZh", "nameZh", "kind", "kind",
            "manager", "manager", "toleranceRate", "toleranceRate"),
    PARTNER(true, "partnerCode", "partnerCode", "name", "name", "role", "role", "committed", "committed",
            "date", "date"),
    COMPANY(false, "creditCode", "creditCode", "name", "name", "sector", "sector"),
    /** one row per partner's contribution; consecutive rows of one fund, date and reference are one call */
    CAPITAL_CALL(true, "date", "date", "partnerCode", "partnerCode", "amount", "amount", "reference", "reference"),
    INVESTMENT(true, "creditCode", "creditCode", "date", "date", "amount", "amount", "round", "round",
            "dueDiligenceRef", "dueDiligenceRef", "decisionRef", "decisionRef", "decisionDate", "decisionDate",
            "conflictOfInterest", "conflictOfInterest", "reference", "reference"),
    EXIT(true, "creditCode", "creditCode", "date", "date", "exitType", "type", "proceeds", "proceeds",
            "costReleased", "costReleased", "reference", "reference"),
    VALUATION(true, "creditCode", "creditCode", "date", "date", "fairValue", "fairValue"),
    MONITORING_REPORT(true, "creditCode", "creditCode", "date", "date", "reportRef", "reportRef"),
    /**
     * without partnerCode: split pro rata to paid-in; with it: that partner's allocation, and
     * consecutive allocation rows of one fund, date and reference are one distribution
     */
    DISTRIBUTION(true, "date", "date", "amount", "amount", "partnerCode", "partnerCode", "reference", "reference");

    /** Whether the row posts to an existing fund named in the {@code fund} column. */
    final boolean posting;
    /** column → field of the form, in the layout's order */
    final Map<String, String> fields;
    /** field of the form → column, to name the column when a rule refuses a field */
    final Map<String, String> columns;
    /** The form's fields: the only ones its rules may read. */
    final java.util.Set<String> fieldNames;

    RowType(boolean posting, String... columnsAndFields) {
        this.posting = posting;
        Map<String, String> fields = new LinkedHashMap<>();
        Map<String, String> columns = new LinkedHashMap<>();
        for (int i = 0; i < columnsAndFields.length; i += 2) {
            fields.put(columnsAndFields[i], columnsAndFields[i + 1]);
            columns.put(columnsAndFields[i + 1], columnsAndFields[i]);
        }
        this.fields = Map.copyOf(fields);
        this.columns = Map.copyOf(columns);
        this.fieldNames = java.util.Set.copyOf(fields.values());
    }

    /** Whether the column may hold a value in this kind of row. */
    boolean uses(String column) {
        return column.equals(ImportLayout.TYPE) || fields.containsKey(column)
                || (posting && column.equals(ImportLayout.FUND));
    }
}
