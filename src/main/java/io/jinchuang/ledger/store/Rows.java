package io.jinchuang.ledger.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.ResultQuery;
import org.jooq.exception.DataAccessException;

/**
 * Streams a large read's rows straight from JDBC: jOOQ builds and renders the query (from
 * the typed schema) and supplies its bind values, and each row goes to the reader as it
 * comes, without a jOOQ record per row. For reads of tens of thousands of rows (a fund's
 * every investment), where making the records cost as much as H2's scan.
 */
public final class Rows {
    private Rows() {}

    /** Hands every row of {@code query}, in order, to {@code reader} (columns in the order selected). */
    public static void each(DSLContext dsl, ResultQuery<?> query, Tx.RowReader<Void> reader) {
        String sql = dsl.render(query);
        List<Object> binds = dsl.extractBindValues(query);
        dsl.connection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                Integer timeout = dsl.settings().getQueryTimeout();
                if (timeout != null && timeout > 0) {
                    statement.setQueryTimeout(timeout); // as jOOQ would (PostgreSQL; H2's is the session's)
                }
                for (int i = 0; i < binds.size(); i++) {
                    statement.setObject(i + 1, binds.get(i));
                }
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        reader.read(rows);
                    }
                }
            } catch (SQLException e) {
                throw new DataAccessException("reading rows failed: " + e.getMessage(), e);
            }
        });
    }
}
