package gov.austintexas.atd.transforms.s3;

import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.io.aws2.s3.DefaultS3ClientBuilderFactory;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import software.amazon.awssdk.regions.Region;

/**
 * S3 settings on top of Beam's own ({@code --awsRegion}, {@code --endpoint}, {@code
 * --awsCredentialsProvider}, ...), so one jar works against AWS and against any S3-compatible
 * server.
 */
public interface S3AccessOptions extends S3Options {

  @Description(
      "Address buckets by path (http://host/bucket/key) instead of by host name. Needed by most "
          + "S3-compatible servers (MinIO, S3Mock) and by any --endpoint on localhost.")
  @Default.Boolean(false)
  boolean getS3PathStyleAccess();

  void setS3PathStyleAccess(boolean value);

  /**
   * The region when none is configured (no {@code --awsRegion}, {@code AWS_REGION}, profile or
   * instance metadata): the client then signs for it and the SDK's cross-region access (see {@link
   * PathStyleAwareS3ClientBuilderFactory}) follows a bucket that lives elsewhere, instead of
   * failing with "Unable to load region".
   */
  Region DEFAULT_REGION = Region.US_EAST_1;

  /**
   * Makes Beam's S3 filesystem honour {@link #getS3PathStyleAccess()} and reach buckets in any
   * region (unless the user named a client factory of their own), and sets {@link #DEFAULT_REGION}
   * when no region is configured. The options carry both to the workers.
   */
  static void applyTo(S3AccessOptions options) {
    if (DefaultS3ClientBuilderFactory.class.equals(options.getS3ClientFactoryClass())) {
      options.setS3ClientFactoryClass(PathStyleAwareS3ClientBuilderFactory.class);
    }
    if (options.getAwsRegion() == null) {
      options.setAwsRegion(DEFAULT_REGION);
    }
  }
}
