package io.jinchuang.ledger.store;

import io.jinchuang.ledger.db.DefaultSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.ForeignKey;
import org.jooq.Table;

/**
 * For each table, the tables whose primary key begins with a foreign key to it (a fund's
 * partners and account balances): every such child row of a parent row is found by a key
 * prefix, which is what lets {@link Tx} know them all.
 */
final class ForeignKeys {
    private static final Map<Table<?>, List<Table<?>>> CHILDREN = children();

    private ForeignKeys() {}

    static List<Table<?>> childrenKeyedBy(Table<?> parent) {
        return CHILDREN.getOrDefault(parent, List.of());
    }

    private static Map<Table<?>, List<Table<?>>> children() {
        Map<Table<?>, List<Table<?>>> children = new HashMap<>();
        for (Table<?> child : DefaultSchema.DEFAULT_SCHEMA.getTables()) {
            if (child.getPrimaryKey() == null) {
                continue;
            }
            var primaryKey = child.getPrimaryKey().getFields();
            for (ForeignKey<?, ?> reference : child.getReferences()) {
                var foreignKey = reference.getFields();
                // the referenced key must be the parent's primary key, and lead the child's
                boolean leads = reference.getKey().isPrimary() && foreignKey.size() < primaryKey.size()
                        && primaryKey.subList(0, foreignKey.size()).equals(foreignKey);
                if (leads && foreignKey.size() == reference.getKey().getFields().size()) {
                    children.computeIfAbsent(reference.getKey().getTable(), t -> new ArrayList<>()).add(child);
                }
            }
        }
        return children;
    }
}
