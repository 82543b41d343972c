package gov.austintexas.atd.transforms.s3;

/** {@code s3://bucket/key} as bucket and key; the key as written (it may hold spaces). */
public record S3Location(String bucket, String key) {
  public static S3Location of(String s3Path) {
    if (!s3Path.startsWith("s3://")) {
      throw new IllegalArgumentException("not an s3:// path: " + s3Path);
    }
    String path = s3Path.substring("s3://".length());
    int slash = path.indexOf('/');
    return slash < 0
        ? new S3Location(path, "")
        : new S3Location(path.substring(0, slash), path.substring(slash + 1));
  }
}
