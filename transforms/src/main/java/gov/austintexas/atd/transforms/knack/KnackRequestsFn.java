package gov.austintexas.atd.transforms.knack;

import gov.austintexas.atd.transforms.progress.ProgressLog;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.beam.sdk.transforms.DoFn;

/**
 * A DoFn that sends one step's requests to a Knack app: its client (and so its one rate limiter),
 * opened in {@code @Setup}, threads enough to use the whole rate even when each request takes a
 * second, and the step's progress log.
 */
abstract class KnackRequestsFn<InputT, OutputT> extends DoFn<InputT, OutputT> {
  private static final long serialVersionUID = 1L;
  final KnackApp app;
  final String object;
  final ProgressLog progress;
  transient KnackClient client;
  transient ExecutorService threads;

  KnackRequestsFn(KnackApp app, String object, String what) {
    this.app = app;
    this.object = object;
    this.progress = ProgressLog.of("knack " + what + " " + app.name() + " " + object, "records");
  }

  @Setup
  public void setup() {
    client = new KnackClient(app);
    threads = Executors.newFixedThreadPool(Math.max(1, (int) Math.ceil(app.requestsPerSecond())));
  }

  @Teardown
  public void teardown() {
    progress.finish();
    if (threads != null) {
      threads.shutdownNow();
    }
  }
}
