package gov.austintexas.atd.transforms.s3;

import org.apache.beam.sdk.io.aws2.options.S3ClientBuilderFactory;
import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.io.aws2.s3.DefaultS3ClientBuilderFactory;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Beam's default S3 client, plus path-style addressing when {@code --s3PathStyleAccess} is set, and
 * the SDK's cross-region access: a request to a bucket in another region than the client's is
 * redirected there (so the documented default region works for any bucket). Beam's S3 filesystem
 * creates it by class name ({@code --s3ClientFactoryClass}).
 */
public class PathStyleAwareS3ClientBuilderFactory implements S3ClientBuilderFactory {
  private final S3ClientBuilderFactory defaults = new DefaultS3ClientBuilderFactory();

  @Override
  public S3ClientBuilder createBuilder(S3Options options) {
    return defaults
        .createBuilder(options)
        .forcePathStyle(options.as(S3AccessOptions.class).getS3PathStyleAccess())
        .crossRegionAccessEnabled(true);
  }
}
