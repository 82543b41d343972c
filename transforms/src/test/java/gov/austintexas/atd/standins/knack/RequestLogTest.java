package gov.austintexas.atd.standins.knack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RequestLogTest {

  @Test
  void keepsTheLastRequestsInArrivalOrderWithTheirAnswers() {
    RequestLog<String> log = new RequestLog<>(3);
    long first = log.arrived("GET 1 0");
    long second = log.arrived("GET 2 0");
    log.answered(second, "GET 2 200");
    log.arrived("GET 3 0");
    long fourth = log.arrived("GET 4 0");

    // The first has left the log; its late answer does not bring it back.
    log.answered(first, "GET 1 200");
    log.answered(fourth, "GET 4 429");

    assertEquals(List.of("GET 2 200", "GET 3 0", "GET 4 429"), log.requests());
  }
}
