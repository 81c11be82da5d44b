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
    private static final List<Table<?>> TABLES = List.copyOf(DefaultSchema.DEFAULT_SCHEMA.getTables());

    private TableOrder() {}

    static int of(Table<?> table) {
        Integer rank = RANK.get(table);
        if (rank == null) {
            throw new IllegalArgumentException("not a table of the schema: " + table.getName());
        }
        return rank;
    }

    /** The ranks of these tables and of every table their foreign keys lead to, transitively. */
    static Set<Integer> withAncestors(java.util.Collection<Table<?>> tables) {
        Set<Integer> ranks = new java.util.HashSet<>();
        java.util.ArrayDeque<Table<?>> todo = new java.util.ArrayDeque<>(tables);
        while (!todo.isEmpty()) {
            Table<?> table = todo.pop();
            if (ranks.add(of(table))) {
                for (ForeignKey<?, ?> reference : table.getReferences()) {
                    todo.push(reference.getKey().getTable());
                }
            }
        }
        return ranks;
    }

    /** The schema's tables an SQL text names (as whole words): what a query reads. */
    static List<Table<?>> namedIn(String sql) {
        String text = sql.toLowerCase(java.util.Locale.ROOT);
        List<Table<?>> named = new ArrayList<>();
        for (Table<?> table : TABLES) {
            if (java.util.regex.Pattern.compile("\\b" + table.getName().toLowerCase(java.util.Locale.ROOT) + "\\b")
                    .matcher(text).find()) {
                named.add(table);
            }
        }
        return named;
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
