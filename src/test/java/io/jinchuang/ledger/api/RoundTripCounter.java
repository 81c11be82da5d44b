package io.jinchuang.ledger.api;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay in front of PostgreSQL that counts the round trips its clients make: in the
 * frontend protocol a client waits for the server after each Sync ('S', which ends a run of
 * extended-protocol messages) and after a simple Query ('Q') it sends last. A Query with more
 * behind it in the same write is not waited for: pgjdbc opens each transaction with a
 * simple BEGIN written together with the transaction's first statement and its Sync.
 */
final class RoundTripCounter implements AutoCloseable {
    /** The untyped packets a client may send before its startup message. */
    private static final int SSL_REQUEST = 80877103;
    private static final int GSS_REQUEST = 80877104;

    private final String host;
    private final int port;
    private final ServerSocket server;
    private final AtomicLong roundTrips = new AtomicLong();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "round-trip-counter");
        thread.setDaemon(true);
        return thread;
    });

    RoundTripCounter(String host, int port) throws IOException {
        this.host = host;
        this.port = port;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.submit(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    long roundTrips() {
        return roundTrips.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket database = new Socket(host, port);
                client.setTcpNoDelay(true);
                database.setTcpNoDelay(true);
                threads.submit(() -> relayCounting(client, database));
                threads.submit(() -> relay(database.getInputStream(), client.getOutputStream(), client, database));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** Client to server, message by message, counting the ones that end a round trip. */
    private Void relayCounting(Socket client, Socket database) throws IOException {
        try (client; database) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(client.getInputStream()));
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(database.getOutputStream()));
            int code;
            do { // untyped: length, then a code (an SSL or GSS request, then the startup message)
                int length = in.readInt();
                byte[] body = in.readNBytes(length - 4);
                out.writeInt(length);
                out.write(body);
                out.flush();
                code = ByteBuffer.wrap(body).getInt();
            } while (code == SSL_REQUEST || code == GSS_REQUEST);
            while (true) {
                int type = in.read();
                if (type < 0) {
                    return null;
                }
                int length = in.readInt();
                byte[] body = in.readNBytes(length - 4);
                if (type == 'S' || (type == 'Q' && in.available() == 0)) {
                    roundTrips.incrementAndGet();
                }
                out.write(type);
                out.writeInt(length);
                out.write(body);
                if (in.available() == 0) {
                    out.flush();
                }
            }
        } catch (IOException e) {
            return null; // one side closed
        }
    }

    private Void relay(InputStream in, OutputStream out, Socket client, Socket database) throws IOException {
        try (client; database) {
            in.transferTo(out);
        } catch (IOException e) {
            // one side closed
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
