package gov.austintexas.atd.transforms.knack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.transforms.failure.Failure;
import gov.austintexas.atd.transforms.json.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.values.KV;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends all of a run's writes to one Knack object from one element (every write of the app, grouped
 * under the app's name), so one client and its rate limiter carry them all, on any runner. They go
 * in batches (creates and updates apart), each batch's requests concurrently. Around each batch of
 * creates:
 *
 * <ol>
 *   <li>before: the creates' keys are looked up ({@code "or"} filters of {@code keysPerLookup}
 *       keys); a key already in Knack (a retried bundle, an overlapping run, a create applied but
 *       answered late, a record the read missed) is updated instead, or left when equal;
 *   <li>after: the created keys are looked up again; where a record with the same key and a lower
 *       id exists (an overlapping run created it in the same instant), the one this run created is
 *       deleted. Every run keeps the lowest id, so overlapping runs converge on one record a key.
 * </ol>
 *
 * A write that fails for its own reason (400 for a bad value, 404 for a record deleted since the
 * read, retries exhausted) is a {@link Failure} ({@link KnackDeadLetters}); the others still go.
 * Only 401/403 stop the run.
 */
class WriteAllFn extends KnackRequestsFn<KV<String, Iterable<KnackWrite>>, Failure> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(WriteAllFn.class);

  private final String keyField;
  private final Set<String> comparedFields;
  private final int batchSize;
  private final int keysPerLookup;
  private final Counter created = KnackMetrics.counter(KnackMetrics.CREATED);
  private final Counter updated = KnackMetrics.counter(KnackMetrics.UPDATED);
  private final Counter failed = KnackMetrics.counter(KnackMetrics.FAILED);
  private final Counter lookups = KnackMetrics.counter(KnackMetrics.LOOKUPS);
  private final Counter foundUpdated = KnackMetrics.counter(KnackMetrics.FOUND_UPDATED);
  private final Counter foundUnchanged = KnackMetrics.counter(KnackMetrics.FOUND_UNCHANGED);
  private final Counter duplicatesRemoved = KnackMetrics.counter(KnackMetrics.DUPLICATES_REMOVED);

  /**
   * @param comparedFields the fields that make a found record differ; null for all of the record's
   */
  WriteAllFn(
      KnackApp app,
      String object,
      String keyField,
      Set<String> comparedFields,
      int batchSize,
      int keysPerLookup) {
    super(app, object, "write");
    this.keyField = keyField;
    this.comparedFields = comparedFields == null ? null : new TreeSet<>(comparedFields);
    this.batchSize = batchSize;
    this.keysPerLookup = keysPerLookup;
  }

  @ProcessElement
  public void processElement(
      @Element KV<String, Iterable<KnackWrite>> all, OutputReceiver<Failure> deadLetters)
      throws InterruptedException {
    client.startPacing();
    // Creates and updates batch apart, so every batch of creates fills its lookups.
    Map<KnackWrite.Kind, List<KnackWrite>> batches = new HashMap<>();
    for (KnackWrite write : all.getValue()) {
      List<KnackWrite> batch = batches.computeIfAbsent(write.kind(), kind -> new ArrayList<>());
      batch.add(write);
      if (batch.size() == batchSize) {
        send(batch, deadLetters);
        batch.clear();
      }
    }
    for (List<KnackWrite> rest : batches.values()) {
      if (!rest.isEmpty()) {
        send(rest, deadLetters);
      }
    }
  }

  /**
   * One sent write: the record Knack answered with, or the dead letter. Counted in the caller's
   * thread.
   */
  private record Sent(KnackWrite write, boolean asCreate, ObjectNode answer, Failure deadLetter) {}

  private void send(List<KnackWrite> batch, OutputReceiver<Failure> deadLetters)
      throws InterruptedException {
    List<String> createKeys =
        batch.stream()
            .filter(w -> w.kind() == KnackWrite.Kind.CREATE)
            .map(KnackWrite::key)
            .toList();
    Map<String, String> lookupFailures = new HashMap<>();
    Map<String, ObjectNode> existing = lookUp(createKeys, lookupFailures);
    List<Future<Sent>> sending = new ArrayList<>();
    for (KnackWrite write : batch) {
      if (write.kind() == KnackWrite.Kind.UPDATE) {
        sending.add(threads.submit(() -> sendUpdate(write, write.id())));
      } else if (lookupFailures.containsKey(write.key())) {
        emitDeadLetter(
            deadLetter(
                write,
                "not created, since looking its key up first failed (it may be in Knack): "
                    + lookupFailures.get(write.key())),
            deadLetters);
      } else if (!existing.containsKey(write.key())) {
        sending.add(threads.submit(() -> sendCreate(write)));
      } else {
        ObjectNode found = existing.get(write.key());
        if (KnackDiff.changes(write.record(), found, fieldsOf(write)).isEmpty()) {
          foundUnchanged.inc();
          progress.add(1);
        } else {
          foundUpdated.inc();
          sending.add(threads.submit(() -> sendUpdate(write, found.path("id").asText())));
        }
      }
    }
    Map<String, String> createdIds = new LinkedHashMap<>();
    for (Future<Sent> future : sending) {
      Sent sent = collect(future, sending);
      if (sent.deadLetter() != null) {
        emitDeadLetter(sent.deadLetter(), deadLetters);
        continue;
      }
      if (sent.asCreate()) {
        created.inc();
        createdIds.put(sent.write().key(), sent.answer().path("id").asText());
      } else {
        updated.inc();
      }
      progress.add(1);
    }
    removeOverlappingDuplicates(createdIds, deadLetters);
  }

  /**
   * The Knack record of each key that has one (the lowest id, as the plan would keep); keys whose
   * lookup failed go to {@code failures} with the reason, so they are not created blind.
   */
  private Map<String, ObjectNode> lookUp(List<String> keys, Map<String, String> failures) {
    Map<String, ObjectNode> found = new HashMap<>();
    for (int from = 0; from < keys.size(); from += keysPerLookup) {
      List<String> chunk = keys.subList(from, Math.min(keys.size(), from + keysPerLookup));
      try {
        lookups.inc();
        for (ObjectNode record : client.findByKeys(object, keyField, chunk)) {
          String key = Json.canonicalText(KnackValues.stored(record, keyField));
          if (key != null) {
            found.merge(
                key,
                record,
                (a, b) -> a.path("id").asText().compareTo(b.path("id").asText()) <= 0 ? a : b);
          }
        }
      } catch (KnackException failure) {
        if (failure.fatal()) {
          throw failure;
        }
        chunk.forEach(key -> failures.put(key, failure.getMessage()));
      }
    }
    return found;
  }

  /**
   * After the creates: deletes each record this run created whose key also has a record with a
   * lower id.
   */
  private void removeOverlappingDuplicates(
      Map<String, String> createdIds, OutputReceiver<Failure> deadLetters) {
    Map<String, String> lookupFailures = new HashMap<>();
    Map<String, ObjectNode> lowest = lookUp(new ArrayList<>(createdIds.keySet()), lookupFailures);
    lookupFailures.forEach(
        (key, reason) ->
            LOG.warn(
                "{}: could not check key {} for a duplicate from an overlapping run: {}",
                object,
                key,
                reason));
    createdIds.forEach(
        (key, ours) -> {
          ObjectNode first = lowest.get(key);
          if (first != null && first.path("id").asText().compareTo(ours) < 0) {
            try {
              client.delete(object, ours);
              duplicatesRemoved.inc();
            } catch (KnackException failure) {
              if (failure.fatal()) {
                throw failure;
              }
              emitDeadLetter(
                  KnackDeadLetters.removeDuplicate(
                      keyField,
                      key,
                      ours,
                      "an overlapping run created record "
                          + first.path("id").asText()
                          + " with this key first, and deleting this run's copy failed: "
                          + failure.getMessage()),
                  deadLetters);
            }
          }
        });
  }

  private Sent sendCreate(KnackWrite write) {
    try {
      return new Sent(
          write, true, client.create(object, write.record(), keyField, write.key()), null);
    } catch (KnackException failure) {
      return failedUnlessFatal(write, failure);
    }
  }

  private Sent sendUpdate(KnackWrite write, String id) {
    try {
      return new Sent(write, false, client.update(object, id, write.record()), null);
    } catch (KnackException failure) {
      return failedUnlessFatal(write, failure);
    }
  }

  private Sent failedUnlessFatal(KnackWrite write, KnackException failure) {
    if (failure.fatal()) {
      throw failure;
    }
    return new Sent(write, false, null, deadLetter(write, failure.getMessage()));
  }

  private static Sent collect(Future<Sent> future, List<Future<Sent>> all)
      throws InterruptedException {
    try {
      return future.get();
    } catch (ExecutionException fatal) {
      all.forEach(other -> other.cancel(true));
      throw fatal.getCause() instanceof RuntimeException runtime
          ? runtime
          : new IllegalStateException(fatal.getCause());
    }
  }

  private void emitDeadLetter(Failure deadLetter, OutputReceiver<Failure> deadLetters) {
    failed.inc();
    progress.add(1);
    deadLetters.output(deadLetter);
  }

  private Set<String> fieldsOf(KnackWrite write) {
    if (comparedFields != null) {
      return comparedFields;
    }
    Set<String> all = new TreeSet<>();
    write.record().fieldNames().forEachRemaining(all::add);
    return all;
  }

  private Failure deadLetter(KnackWrite write, String error) {
    return KnackDeadLetters.of(write, keyField, error);
  }
}
