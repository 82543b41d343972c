package gov.austintexas.atd.transforms.jdbc;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JDBC URL with the credentials written into it moved out, into the user and password that go to
 * the driver as properties: Oracle thin's {@code jdbc:oracle:thin:scott/tiger@//host/SVC} becomes
 * {@code jdbc:oracle:thin:@//host/SVC}, PostgreSQL's {@code ?password=…} parameter is dropped. The
 * URL can then be shown anywhere (JdbcIO puts it in the transforms' display data, which runners
 * show in their UIs; drivers quote it in errors) without the password.
 */
public record JdbcUrlCredentials(String url, String user, String password) {
  private static final Pattern ORACLE =
      Pattern.compile("(?i)^(jdbc:oracle:[a-z0-9]+:)([^/@:\\s]+)/([^@\\s]+)@(.*)$");

  /**
   * The URL without credentials, and the user and password: the given ones when not null (an option
   * wins over the URL), else those the URL held.
   */
  public static JdbcUrlCredentials of(String url, String user, String password) {
    Matcher oracle = ORACLE.matcher(url);
    if (oracle.matches()) {
      return new JdbcUrlCredentials(
          oracle.group(1) + "@" + oracle.group(4),
          user != null ? user : oracle.group(2),
          password != null ? password : oracle.group(3));
    }
    int query = url.indexOf('?');
    if (url.startsWith("jdbc:postgresql:") && query >= 0) {
      List<String> kept = new ArrayList<>();
      String fromUrl = null;
      for (String parameter : url.substring(query + 1).split("&")) {
        if (parameter.startsWith("password=")) {
          fromUrl =
              URLDecoder.decode(parameter.substring("password=".length()), StandardCharsets.UTF_8);
        } else if (!parameter.isEmpty()) {
          kept.add(parameter);
        }
      }
      String clean = url.substring(0, query) + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
      return new JdbcUrlCredentials(clean, user, password != null ? password : fromUrl);
    }
    return new JdbcUrlCredentials(url, user, password);
  }
}
