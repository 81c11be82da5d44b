package io.jinchuang.ledger.store;

import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.TableRecord;
import org.jooq.UpdatableRecord;

/**
 * One use case's transaction. Every write goes through here so that, on the embedded
 * database, the write set can be logged before the commit (see {@link TxLog}).
 */
public final class Tx {
    private final DSLContext dsl;
    private final List<Op> ops = new ArrayList<>();

    /** A row written: 'I' inserted, 'U' its after-image (inserted or updated). */
    record Op(char kind, TableRecord<?> row) {}

    Tx(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** For reads (and locking reads) inside the transaction. */
    public DSLContext dsl() {
        return dsl;
    }

    public void insert(TableRecord<?> row) {
        dsl.executeInsert(row);
        ops.add(new Op('I', row));
    }

    public void insertAll(List<? extends TableRecord<?>> rows) {
        if (rows.isEmpty()) {
            return;
        }
        dsl.batchInsert(rows).execute();
        rows.forEach(row -> ops.add(new Op('I', row)));
    }

    /** Writes the row's full after-image: updates it when its key exists, inserts it otherwise. */
    public void upsert(UpdatableRecord<?> row) {
        row.changed(true);
        int updated = dsl.executeUpdate(row);
        if (updated == 0) {
            dsl.executeInsert(row);
        }
        ops.add(new Op('U', row));
    }

    List<Op> ops() {
        return ops;
    }
}
