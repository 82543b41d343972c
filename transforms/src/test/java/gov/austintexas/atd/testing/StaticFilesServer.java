package gov.austintexas.atd.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real HTTP server on loopback that serves files put into it, for sources read from an URL
 * (published Google Sheets in production). A path can also answer with a redirect or an error.
 */
public class StaticFilesServer implements BeforeAllCallback, AfterAllCallback {
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final Map<String, String> redirects = new ConcurrentHashMap<>();
  private final Map<String, Integer> errors = new ConcurrentHashMap<>();
  private final Map<String, byte[]> edits = new ConcurrentHashMap<>();
  private final List<String> requests = new ArrayList<>();
  private HttpServer server;

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    server.stop(0);
  }

  /** {@code http://127.0.0.1:port/path}. */
  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + path;
  }

  public void put(String path, byte[] content) {
    files.put("/" + path, content);
  }

  /** Serves {@code first} once, then {@code edited}: a sheet someone edits while it is read. */
  public void putThenEdit(String path, byte[] first, byte[] edited) {
    files.put("/" + path, first);
    edits.put("/" + path, edited);
  }

  public void redirect(String path, String toPath) {
    redirects.put("/" + path, "/" + toPath);
  }

  public void fail(String path, int status) {
    errors.put("/" + path, status);
  }

  public synchronized List<String> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    synchronized (this) {
      requests.add(exchange.getRequestMethod() + " " + path);
    }
    try (exchange) {
      if (errors.containsKey(path)) {
        exchange.sendResponseHeaders(errors.get(path), -1);
      } else if (redirects.containsKey(path)) {
        exchange.getResponseHeaders().add("Location", redirects.get(path));
        exchange.sendResponseHeaders(307, -1);
      } else if (files.containsKey(path)) {
        byte[] body = files.get(path);
        byte[] edited = edits.remove(path);
        if (edited != null) {
          files.put(path, edited);
        }
        exchange.getResponseHeaders().add("Content-Type", "text/csv");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      } else {
        exchange.sendResponseHeaders(404, -1);
      }
    }
  }
}
