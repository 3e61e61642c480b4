package io.modulardata.kit.problem;

import java.io.IOException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;

/**
 * Tells whether a failure only means that a server the request needs (PostgreSQL) is down or
 * restarting. Such a request changed nothing and may be retried, so it deserves a 503, not a 500 that
 * says the service is broken. Looks through the whole cause chain: Hibernate Reactive, Mutiny and
 * JDBC wrap the driver's exception.
 */
public final class BackendUnavailable {

    /** PostgreSQL: admin_shutdown, crash_shutdown, cannot_connect_now (starting up or shutting down). */
    private static final Set<String> SERVER_GOING_AWAY = Set.of("57P01", "57P02", "57P03");
    /** SQLSTATE class 08: connection exception. */
    private static final String CONNECTION_EXCEPTION_CLASS = "08";

    private BackendUnavailable() {
    }

    public static boolean isCause(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable current = failure; current != null && seen.put(current, Boolean.TRUE) == null;
                current = current.getCause()) {
            if (isUnavailable(current)) {
                return true;
            }
            for (Throwable suppressed : current.getSuppressed()) {
                if (isUnavailable(suppressed)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isUnavailable(Throwable failure) {
        // SocketException: refused (ConnectException) or reset under a running statement while the server stops.
        if (failure instanceof SocketException || failure instanceof ClosedConnectionException
                || failure instanceof SQLTransientConnectionException) {
            return true;
        }
        if (failure instanceof IOException && thrownBySocketLayer(failure)) {
            return true;
        }
        if (failure instanceof DatabaseException database) {
            return unavailableState(database.getSqlState());
        }
        if (failure instanceof SQLException sql) {
            return unavailableState(sql.getSQLState());
        }
        return false;
    }

    /**
     * A plain IOException ("Connection reset by peer") is what the JDK's socket channel throws when the server
     * drops the connection under a read: told apart from any other I/O failure by where it was thrown.
     */
    private static boolean thrownBySocketLayer(Throwable failure) {
        StackTraceElement[] frames = failure.getStackTrace();
        if (frames.length == 0) {
            return false;
        }
        String origin = frames[0].getClassName();
        return origin.startsWith("sun.nio.ch.") || origin.startsWith("io.netty.channel.");
    }

    private static boolean unavailableState(String sqlState) {
        return sqlState != null && (sqlState.startsWith(CONNECTION_EXCEPTION_CLASS) || SERVER_GOING_AWAY.contains(sqlState));
    }
}
