package io.jinchuang.ledger.api;

import io.jinchuang.ledger.imports.ImportLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds an import file in the documented layout: each row names only the columns it fills. */
final class ImportCsv {
    private final List<String> lines = new ArrayList<>();

    ImportCsv() {
        lines.add(ImportLayout.header());
    }

    /** A row: column, value, column, value… (every other column left empty). */
    ImportCsv row(String... columnsAndValues) {
        Map<String, String> cells = new LinkedHashMap<>();
        for (int i = 0; i < columnsAndValues.length; i += 2) {
            if (!ImportLayout.COLUMNS.contains(columnsAndValues[i])) {
                throw new IllegalArgumentException("no column " + columnsAndValues[i]);
            }
            cells.put(columnsAndValues[i], columnsAndValues[i + 1]);
        }
        List<String> row = new ArrayList<>();
        for (String column : ImportLayout.COLUMNS) {
            String value = cells.getOrDefault(column, "");
            row.add(value.contains(",") || value.contains("\"") ? "\"" + value.replace("\"", "\"\"") + "\"" : value);
        }
        lines.add(String.join(",", row));
        return this;
    }

    /** The line number the next row will have (the header is line 1). */
    int nextLine() {
        return lines.size() + 1;
    }

    String text() {
        return String.join("\n", lines) + "\n";
    }
}
