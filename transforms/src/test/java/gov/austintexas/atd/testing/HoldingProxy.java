package gov.austintexas.atd.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A loopback HTTP/1.1 proxy in front of a server (S3Mock) that holds the first request matching a
 * rule: the client waits for an answer that never comes, so a test knows exactly where the client
 * is when it kills it. Every other request passes through, one per connection ({@code Connection:
 * close} is asked for, so that each request's head is seen).
 */
public final class HoldingProxy implements AutoCloseable {
  private final int upstreamPort;
  private final ServerSocket server;
  private final Predicate<String> hold;
  private final CountDownLatch held = new CountDownLatch(1);
  private final List<Socket> sockets = new ArrayList<>();
  private volatile String heldRequest;

  /**
   * Holds the first request whose head (request line and headers, CRLF-separated) passes {@code
   * hold}.
   */
  public HoldingProxy(int upstreamPort, Predicate<String> hold) throws IOException {
    this.upstreamPort = upstreamPort;
    this.hold = hold;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "holding-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public String endpoint() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  /** Waits until a request is held and returns its request line. */
  public String awaitHeld(long timeout, TimeUnit unit) throws InterruptedException {
    if (!held.await(timeout, unit)) {
      throw new AssertionError("no request was held within " + timeout + " " + unit);
    }
    return heldRequest;
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        remember(client);
        Thread handler = new Thread(() -> handle(client), "holding-proxy-connection");
        handler.setDaemon(true);
        handler.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void handle(Socket client) {
    try {
      InputStream in = client.getInputStream();
      String head = readHead(in);
      if (head == null) {
        client.close();
        return;
      }
      synchronized (this) {
        if (held.getCount() > 0 && hold.test(head)) {
          heldRequest = head.lines().findFirst().orElse("");
          held.countDown();
          return; // never answered; the socket stays open until close()
        }
      }
      Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
      remember(upstream);
      OutputStream toServer = upstream.getOutputStream();
      toServer.write(withConnectionClose(head).getBytes(StandardCharsets.ISO_8859_1));
      toServer.flush();
      Thread requestBody = new Thread(() -> pump(in, toServer), "holding-proxy-request");
      requestBody.setDaemon(true);
      requestBody.start();
      pump(upstream.getInputStream(), client.getOutputStream());
      client.close();
      upstream.close();
    } catch (IOException ignored) {
      // The client was killed or the test ended.
    }
  }

  /** The request line and headers, up to and without the blank line; null at end of stream. */
  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    int b;
    while ((b = in.read()) >= 0) {
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
      if (matched == 4) {
        String text = head.toString(StandardCharsets.ISO_8859_1);
        return text.substring(0, text.length() - 4);
      }
    }
    return null;
  }

  private static String withConnectionClose(String head) {
    StringBuilder out = new StringBuilder();
    for (String line : head.split("\r\n")) {
      if (!line.regionMatches(true, 0, "Connection:", 0, "Connection:".length())) {
        out.append(line).append("\r\n");
      }
    }
    return out.append("Connection: close\r\n\r\n").toString();
  }

  private static void pump(InputStream from, OutputStream to) {
    byte[] buffer = new byte[1 << 16];
    try {
      int read;
      while ((read = from.read(buffer)) >= 0) {
        to.write(buffer, 0, read);
        to.flush();
      }
    } catch (IOException ignored) {
      // One side closed.
    }
  }

  private synchronized void remember(Socket socket) {
    sockets.add(socket);
  }

  @Override
  public synchronized void close() throws IOException {
    server.close();
    for (Socket socket : sockets) {
      socket.close();
    }
  }
}
