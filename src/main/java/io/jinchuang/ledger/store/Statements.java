package io.jinchuang.ledger.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prepared statements kept per physical database connection, across transactions: the
 * pool hands the same few connections out again and again, and preparing a statement on
 * H2 costs more than running it (it was a tenth of a posting's time). A statement is
 * prepared on the connection under the pool's proxy, so the pool does not close it when
 * the connection goes back; only the thread holding the connection uses its statements.
 */
final class Statements {
    private static final Map<Connection, Map<String, PreparedStatement>> BY_CONNECTION = new ConcurrentHashMap<>();

    private Statements() {}

    /** The statement for {@code sql} on this (pooled) connection, prepared the first time. */
    static PreparedStatement prepare(Connection pooled, String sql) throws SQLException {
        Connection physical = pooled.unwrap(Connection.class);
        Map<String, PreparedStatement> statements = BY_CONNECTION.get(physical);
        if (statements == null) {
            forgetClosedConnections();
            statements = new HashMap<>();
            BY_CONNECTION.put(physical, statements);
        }
        PreparedStatement statement = statements.get(sql);
        if (statement == null || statement.isClosed()) {
            statement = physical.prepareStatement(sql);
            statements.put(sql, statement);
        } else {
            statement.clearBatch(); // rows a failed transaction added but never sent
        }
        return statement;
    }

    /** Drops the statements of connections the pool has retired (a new connection is the moment to look). */
    private static void forgetClosedConnections() throws SQLException {
        for (Connection connection : BY_CONNECTION.keySet()) {
            if (connection.isClosed()) {
                BY_CONNECTION.remove(connection);
            }
        }
    }
}
