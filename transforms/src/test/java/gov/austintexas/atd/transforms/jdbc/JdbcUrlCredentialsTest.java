package gov.austintexas.atd.transforms.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Credentials move out of JDBC URLs into driver properties; time limits reach each driver in its
 * terms.
 */
class JdbcUrlCredentialsTest {
  @Test
  void oracleCredentialsLeaveTheUrl() {
    assertEquals(
        new JdbcUrlCredentials("jdbc:oracle:thin:@//db:1521/SVC", "scott", "tiger"),
        JdbcUrlCredentials.of("jdbc:oracle:thin:scott/tiger@//db:1521/SVC", null, null));
    assertEquals(
        new JdbcUrlCredentials("jdbc:oracle:thin:@//db:1521/SVC", "etl", "given"),
        JdbcUrlCredentials.of("jdbc:oracle:thin:scott/tiger@//db:1521/SVC", "etl", "given"));
  }

  @Test
  void aPostgresPasswordParameterLeavesTheUrl() {
    assertEquals(
        new JdbcUrlCredentials("jdbc:postgresql://db/x?user=etl&ssl=true", null, "p&w"),
        JdbcUrlCredentials.of(
            "jdbc:postgresql://db/x?user=etl&password=p%26w&ssl=true", null, null));
    assertEquals(
        new JdbcUrlCredentials("jdbc:postgresql://db/x", "etl", "option"),
        JdbcUrlCredentials.of("jdbc:postgresql://db/x?password=url", "etl", "option"));
    assertEquals(
        new JdbcUrlCredentials("jdbc:h2:mem:x", null, null),
        JdbcUrlCredentials.of("jdbc:h2:mem:x", null, null));
  }

  @Test
  void timeoutsBecomeEachDriversProperties() {
    JdbcTimeouts timeouts =
        new JdbcTimeouts(
            Duration.ofSeconds(5),
            Duration.ofSeconds(60),
            Duration.ofSeconds(30),
            Duration.ofSeconds(2));
    assertEquals(
        Map.of(
            "connectTimeout", "5", "socketTimeout", "60", "options", "-c statement_timeout=30000"),
        new TreeMap<>(timeouts.driverProperties("jdbc:postgresql://db/x")));
    assertEquals(
        Map.of("oracle.net.CONNECT_TIMEOUT", "5000", "oracle.jdbc.ReadTimeout", "60000"),
        new TreeMap<>(timeouts.driverProperties("jdbc:oracle:thin:@//db/SVC")));
    assertEquals(Map.of(), new TreeMap<>(timeouts.driverProperties("jdbc:h2:mem:x")));
    assertEquals("SET LOCAL lock_timeout = '2000ms'", timeouts.setLocalLockTimeout());
  }
}
