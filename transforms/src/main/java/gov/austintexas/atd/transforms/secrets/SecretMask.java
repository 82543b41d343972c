package gov.austintexas.atd.transforms.secrets;

import java.util.regex.Pattern;

/**
 * Masks every form in which a URL or a connection string can carry a password, so that options,
 * display data, {@code toString}, exception messages and reports can show a URL safely:
 *
 * <ul>
 *   <li>query and property parameters: {@code ?password=…}, {@code &token=…}, {@code ;secret=…},
 *       {@code api_key=…} (any name containing password, passwd, pwd, secret, token or key);
 *   <li>userinfo: {@code https://user:pass@host} and {@code jdbc:postgresql://user:pass@host};
 *   <li>Oracle thin: {@code jdbc:oracle:thin:scott/tiger@//host:1521/SVC}.
 * </ul>
 *
 * The user name stays visible: it helps the reader and is not a secret.
 */
public final class SecretMask {
  public static final String MASK = "****";
  private static final Pattern PARAMETER =
      Pattern.compile(
          "(?i)([a-z0-9_.-]*(?:password|passwd|pwd|secret|token|key)[a-z0-9_.-]*=)(?!\\*{4})[^&;\\s,\"')]+");
  private static final Pattern USER_INFO = Pattern.compile("(://[^/:@\\s]*:)[^@/\\s]+@");
  private static final Pattern ORACLE_USER_PASSWORD =
      Pattern.compile("(?i)(jdbc:oracle:[a-z0-9]+:[^/@:\\s]+/)[^@\\s]+@");

  private SecretMask() {}

  /** {@code text} with every password-carrying part of a URL replaced by {@value #MASK}. */
  public static String inText(String text) {
    if (text == null) {
      return null;
    }
    String masked = ORACLE_USER_PASSWORD.matcher(text).replaceAll("$1" + MASK + "@");
    masked = USER_INFO.matcher(masked).replaceAll("$1" + MASK + "@");
    return PARAMETER.matcher(masked).replaceAll("$1" + MASK);
  }
}
