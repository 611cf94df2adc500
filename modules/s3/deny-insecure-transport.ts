/**
 * The bucket policy statement that refuses every request made without TLS, whoever makes it
 * (Amazon S3 user guide, "Security best practices for Amazon S3": enforce encryption of data in
 * transit with aws:SecureTransport). Every bucket this project creates carries it.
 */
export function denyInsecureTransport(bucketArn: string): object {
  return {
    Sid: "DenyInsecureTransport",
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: [bucketArn, `${bucketArn}/*`],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  };
}
