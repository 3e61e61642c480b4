package io.modulardata.kit.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.sql.SQLException;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.CompositeException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/** What PostgreSQL being stopped or restarted looks like to a request, as the drivers report it. */
class BackendUnavailableTest {

    @Test
    void aRefusedConnectionIsUnavailableEvenWhenWrapped() {
        assertThat(BackendUnavailable.isCause(new CompletionException(new IllegalStateException("session failed",
                new ConnectException("Connection refused: /127.0.0.1:15432"))))).isTrue();
    }

    @Test
    void aConnectionClosedUnderTheRequestIsUnavailable() {
        assertThat(BackendUnavailable.isCause(new RuntimeException(ClosedConnectionException.INSTANCE))).isTrue();
    }

    @Test
    void aConnectionResetUnderATransactionIsUnavailable() {
        // What Hibernate Reactive reported when PostgreSQL stopped under a running transaction (ServerRestartMidStreamIT).
        assertThat(BackendUnavailable.isCause(new CompositeException(new SocketException("Connection reset"),
                new IllegalStateException("HR000090: Live transaction detected while closing the connection")))).isTrue();
    }

    @Test
    void aConnectionResetSeenByTheSocketChannelIsUnavailable() {
        // The JDK's socket channel reports a reset read as a plain IOException (ServerRestartMidStreamIT, CI).
        IOException reset = new IOException("Connection reset by peer");
        reset.setStackTrace(new StackTraceElement[] {new StackTraceElement("sun.nio.ch.SocketDispatcher", "read0", null, -2)});
        assertThat(BackendUnavailable.isCause(new RuntimeException(reset))).isTrue();
    }

    @Test
    void anIOExceptionOfAnythingButTheSocketLayerIsNotAnOutage() {
        IOException file = new IOException("No space left on device");
        file.setStackTrace(new StackTraceElement[] {new StackTraceElement("java.io.FileOutputStream", "writeBytes", null, -2)});
        assertThat(BackendUnavailable.isCause(file)).isFalse();
    }

    @Test
    void aServerShuttingDownOrStartingIsUnavailable() {
        assertThat(BackendUnavailable.isCause(new PgException("terminating connection due to administrator command",
                "FATAL", "57P01", null))).isTrue();
        assertThat(BackendUnavailable.isCause(new PgException("the database system is starting up", "FATAL", "57P03", null)))
                .isTrue();
        assertThat(BackendUnavailable.isCause(new SQLException("Connection to 127.0.0.1:15432 refused", "08001"))).isTrue();
    }

    @Test
    void aBrokenStatementOrAConstraintIsNotAnOutage() {
        assertThat(BackendUnavailable.isCause(new PgException("duplicate key value", "ERROR", "23505", null))).isFalse();
        assertThat(BackendUnavailable.isCause(new PgException("syntax error", "ERROR", "42601", null))).isFalse();
        assertThat(BackendUnavailable.isCause(new SQLException("no state"))).isFalse();
        assertThat(BackendUnavailable.isCause(new IllegalStateException("bug"))).isFalse();
    }

    @Test
    void aSelfReferencingCauseChainEnds() {
        RuntimeException first = new RuntimeException("first");
        RuntimeException second = new RuntimeException("second", first);
        first.initCause(second);
        assertThat(BackendUnavailable.isCause(second)).isFalse();
    }
}
