package gov.austintexas.atd.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A server on a free loopback port that never finishes an answer, to show that a client's time
 * limit holds: {@link #http()} answers every request with {@code 200} headers announcing a body and
 * the body's first bytes, then stalls (the fault {@code HttpRequest.timeout} does not cover);
 * {@link #silent()} accepts TCP connections and never sends a byte (a database that hangs).
 */
public final class StallingServer implements AutoCloseable {
  private final CountDownLatch released = new CountDownLatch(1);
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          runnable -> {
            Thread thread = new Thread(runnable, "stalling-server");
            thread.setDaemon(true);
            return thread;
          });
  private final int port;
  private final HttpServer http;
  private final ServerSocket silent;
  private final List<Socket> accepted = new ArrayList<>();

  private StallingServer(boolean speaksHttp) throws IOException {
    InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    if (speaksHttp) {
      http = HttpServer.create(loopback, 0);
      http.setExecutor(threads);
      http.createContext(
          "/",
          exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 1_000_000);
            OutputStream body = exchange.getResponseBody();
            body.write("[{\"".getBytes(StandardCharsets.UTF_8));
            body.flush();
            await();
            exchange.close();
          });
      http.start();
      silent = null;
      port = http.getAddress().getPort();
    } else {
      http = null;
      silent = new ServerSocket();
      silent.bind(loopback);
      port = silent.getLocalPort();
      threads.execute(this::acceptAndSayNothing);
    }
  }

  public static StallingServer http() throws IOException {
    return new StallingServer(true);
  }

  public static StallingServer silent() throws IOException {
    return new StallingServer(false);
  }

  /** {@code http://127.0.0.1:port} */
  public String url() {
    return "http://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** A loopback port that nothing listens on: a server that is down (connection refused). */
  public static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private void acceptAndSayNothing() {
    while (!silent.isClosed()) {
      try {
        Socket socket = silent.accept();
        synchronized (accepted) {
          accepted.add(socket);
        }
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void await() {
    try {
      released.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws IOException {
    released.countDown();
    if (http != null) {
      http.stop(0);
    }
    if (silent != null) {
      silent.close();
      synchronized (accepted) {
        for (Socket socket : accepted) {
          socket.close();
        }
      }
    }
    threads.shutdownNow();
  }
}
