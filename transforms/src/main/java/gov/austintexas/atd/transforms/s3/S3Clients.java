package gov.austintexas.atd.transforms.s3;

import org.apache.beam.sdk.io.aws2.options.S3ClientBuilderFactory;
import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.util.InstanceBuilder;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The AWS SDK's S3 client as Beam's S3 filesystem builds it (its {@code --s3ClientFactoryClass},
 * endpoint, region and credentials), for the calls that filesystem does not make: listing and
 * aborting uploads, reading an object at one ETag.
 */
public final class S3Clients {
  private S3Clients() {}

  public static S3Client of(PipelineOptions options) {
    S3Options s3 = options.as(S3Options.class);
    if (s3 instanceof S3AccessOptions access) {
      S3AccessOptions.applyTo(access);
    }
    S3ClientBuilderFactory factory =
        InstanceBuilder.ofType(S3ClientBuilderFactory.class)
            .fromClass(s3.getS3ClientFactoryClass())
            .build();
    return factory.createBuilder(s3).build();
  }
}
