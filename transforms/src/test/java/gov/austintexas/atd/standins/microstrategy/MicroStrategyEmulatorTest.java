package gov.austintexas.atd.standins.microstrategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The emulator's HTTP contract, spoken to with a bare HTTP client. */
class MicroStrategyEmulatorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private MicroStrategyEmulator emulator;

  @BeforeEach
  void start() throws Exception {
    emulator =
        MicroStrategyEmulator.start("u", "pw", "P1")
            .withReport("R", BondReportFixtures.allBondsExpensesObligated(7));
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(
        request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder call(String path) {
    return HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path));
  }

  private HttpResponse<String> login(String password) throws Exception {
    return send(
        call("/api/auth/login")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "username=u&password=" + password + "&loginMode=1")));
  }

  @Test
  void loginGivesATokenAndACookieAndBothAreNeededWithTheProject() throws Exception {
    HttpResponse<String> login = login("pw");
    assertEquals(204, login.statusCode());
    String token = login.headers().firstValue("X-MSTR-AuthToken").orElseThrow();
    String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    assertTrue(cookie.startsWith("JSESSIONID="), cookie);

    HttpResponse<String> noCookie =
        send(
            call("/api/v2/reports/R/instances?offset=0&limit=2")
                .header("X-MSTR-AuthToken", token)
                .header("X-MSTR-ProjectID", "P1")
                .POST(HttpRequest.BodyPublishers.noBody()));
    assertEquals(401, noCookie.statusCode());
    assertEquals("ERR009", JSON.readTree(noCookie.body()).path("code").asText());

    HttpResponse<String> noProject =
        send(
            call("/api/v2/reports/R/instances?offset=0&limit=2")
                .header("X-MSTR-AuthToken", token)
                .header("Cookie", cookie)
                .POST(HttpRequest.BodyPublishers.noBody()));
    assertEquals(400, noProject.statusCode());

    HttpResponse<String> first =
        send(
            call("/api/v2/reports/R/instances?offset=0&limit=2")
                .header("X-MSTR-AuthToken", token)
                .header("Cookie", cookie)
                .header("X-MSTR-ProjectID", "P1")
                .POST(HttpRequest.BodyPublishers.noBody()));
    assertEquals(200, first.statusCode());
    JsonNode answer = JSON.readTree(first.body());
    assertEquals(
        "{\"total\":7,\"current\":2,\"offset\":0,\"limit\":2}",
        answer.path("data").path("paging").toString());
    assertEquals(
        "[[0,0,0,0,0],[1,0,0,1,0]]", answer.path("data").path("headers").path("rows").toString());

    // A later page lists only its own elements, so its indexes start again from 0.
    HttpResponse<String> last =
        send(
            call("/api/v2/reports/R/instances/"
                    + answer.path("instanceId").asText()
                    + "?offset=6&limit=2")
                .header("X-MSTR-AuthToken", token)
                .header("Cookie", cookie)
                .header("X-MSTR-ProjectID", "P1")
                .GET());
    JsonNode lastPage = JSON.readTree(last.body());
    assertEquals("[[0,0,0,0,0]]", lastPage.path("data").path("headers").path("rows").toString());
    assertEquals(
        "[\"8014\",\"2016 \\\"Go Big\\\" Mobility Bond\"]",
        lastPage
            .path("definition")
            .path("grid")
            .path("rows")
            .path(0)
            .path("elements")
            .path(0)
            .path("formValues")
            .toString());
    assertEquals(
        "[[-2524.86,6283.74]]", lastPage.path("data").path("metricValues").path("raw").toString());

    HttpResponse<String> logout =
        send(
            call("/api/auth/logout")
                .header("X-MSTR-AuthToken", token)
                .header("Cookie", cookie)
                .POST(HttpRequest.BodyPublishers.noBody()));
    assertEquals(204, logout.statusCode());
    assertEquals(0, emulator.openSessions());
  }

  @Test
  void aWrongPasswordIs401WithErr003() throws Exception {
    HttpResponse<String> login = login("nope");
    assertEquals(401, login.statusCode());
    JsonNode error = JSON.readTree(login.body());
    assertEquals("ERR003", error.path("code").asText());
    assertEquals("Login failure: wrong user name or password", error.path("message").asText());
    assertTrue(error.path("ticketId").asText().matches("[0-9a-f]{32}"), error.toString());
    assertEquals(List.of("POST /api/auth/login -> 401"), emulator.requests());
  }
}
