package gov.austintexas.atd.standins;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An emulator's HTTP server on a free loopback port, with its own request threads, and the seeded
 * dice its injected faults are thrown with: the same seed in every emulator, so a test's faults
 * fall the same way in every run.
 */
public final class EmulatorServer implements AutoCloseable {
  private static final long FAULT_SEED = 20261121L;

  private final HttpServer server;
  private final ExecutorService threads;
  private final Random dice = new Random(FAULT_SEED);

  private EmulatorServer(String context, int threadCount, HttpHandler handler) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    threads = Executors.newFixedThreadPool(threadCount);
    server.setExecutor(threads);
    server.createContext(context, handler);
    server.start();
  }

  /**
   * Serves every path under {@code context} with {@code handler} on {@code threadCount} threads.
   */
  public static EmulatorServer start(String context, int threadCount, HttpHandler handler)
      throws IOException {
    return new EmulatorServer(context, threadCount, handler);
  }

  /** {@code http://127.0.0.1:port} and then {@code path} ("" for the server's root). */
  public URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  /** True for a share (0 to 1) of the calls; never when the share is 0. */
  public boolean chance(double share) {
    if (share <= 0) {
      return false;
    }
    synchronized (dice) {
      return dice.nextDouble() < share;
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
