package gov.austintexas.atd.transforms.s3;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.beam.sdk.options.PipelineOptions;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsRequest;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;

/**
 * Multipart uploads that were started and never completed: Beam's S3 filesystem starts one when it
 * creates an object and completes it on close, so a killed worker leaves one behind, unseen by
 * listings and billed until aborted. Uses the same client as Beam's S3 filesystem ({@link
 * S3Clients}).
 */
public final class IncompleteUploads implements AutoCloseable {
  private final S3Client client;

  private IncompleteUploads(S3Client client) {
    this.client = client;
  }

  public static IncompleteUploads of(PipelineOptions options) {
    return new IncompleteUploads(S3Clients.of(options));
  }

  /**
   * Aborts the uploads under {@code prefix} whose key passes {@code keys} and that were initiated
   * before {@code before}; returns each as {@code s3://bucket/key (upload initiated T)}.
   */
  public List<String> abortOlderThan(
      String bucket, String prefix, Predicate<String> keys, Instant before) {
    List<String> aborted = new ArrayList<>();
    for (MultipartUpload upload : list(bucket, prefix)) {
      if (keys.test(upload.key())
          && upload.initiated() != null
          && upload.initiated().isBefore(before)
          && abort(bucket, upload)) {
        aborted.add(
            "s3://"
                + bucket
                + "/"
                + upload.key()
                + " (upload initiated "
                + upload.initiated()
                + ")");
      }
    }
    return aborted;
  }

  /**
   * Aborts every upload of exactly {@code key}: a part whose writer failed, never to be completed.
   */
  public void abortAll(String bucket, String key) {
    for (MultipartUpload upload : list(bucket, key)) {
      if (upload.key().equals(key)) {
        abort(bucket, upload);
      }
    }
  }

  private List<MultipartUpload> list(String bucket, String prefix) {
    List<MultipartUpload> uploads = new ArrayList<>();
    String keyMarker = null;
    String uploadIdMarker = null;
    while (true) {
      ListMultipartUploadsResponse page =
          client.listMultipartUploads(
              ListMultipartUploadsRequest.builder()
                  .bucket(bucket)
                  .prefix(prefix)
                  .keyMarker(keyMarker)
                  .uploadIdMarker(uploadIdMarker)
                  .build());
      uploads.addAll(page.uploads());
      if (!Boolean.TRUE.equals(page.isTruncated())) {
        return uploads;
      }
      keyMarker = page.nextKeyMarker();
      uploadIdMarker = page.nextUploadIdMarker();
    }
  }

  /** False when the upload was completed or aborted meanwhile, by its own run. */
  private boolean abort(String bucket, MultipartUpload upload) {
    try {
      client.abortMultipartUpload(
          AbortMultipartUploadRequest.builder()
              .bucket(bucket)
              .key(upload.key())
              .uploadId(upload.uploadId())
              .build());
      return true;
    } catch (NoSuchUploadException gone) {
      return false;
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
