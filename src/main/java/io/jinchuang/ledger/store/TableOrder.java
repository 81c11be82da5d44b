package io.jinchuang.ledger.store;

import io.jinchuang.ledger.db.DefaultSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.ForeignKey;
import org.jooq.Table;

/**
 * The schema's tables with every table after the tables its foreign keys point to: the
 * order in which deferred inserts can be written without breaking a constraint.
 */
final class TableOrder {
    private static final Map<Table<?>, Integer> RANK = rank();

    private TableOrder() {}

    static int of(Table<?> table) {
        Integer rank = RANK.get(table);
        if (rank == null) {
            throw new IllegalArgumentException("not a table of the schema: " + table.getName());
        }
        return rank;
    }

    private static Map<Table<?>, Integer> rank() {
        Set<Table<?>> ordered = new LinkedHashSet<>();
        for (Table<?> table : DefaultSchema.DEFAULT_SCHEMA.getTables()) {
            visit(table, ordered, new LinkedHashSet<>());
        }
        Map<Table<?>, Integer> rank = new HashMap<>();
        List<Table<?>> list = new ArrayList<>(ordered);
        for (int i = 0; i < list.size(); i++) {
            rank.put(list.get(i), i);
        }
        return rank;
    }

    private static void visit(Table<?> table, Set<Table<?>> ordered, Set<Table<?>> path) {
        if (ordered.contains(table)) {
            return;
        }
        if (!path.add(table)) {
            throw new IllegalStateException("the foreign keys of " + table.getName() + " form a cycle");
        }
        for (ForeignKey<?, ?> reference : table.getReferences()) {
            Table<?> parent = reference.getKey().getTable();
            if (parent != table) {
                visit(parent, ordered, path);
            }
        }
        path.remove(table);
        ordered.add(table);
    }
}
