import { LocalBackend, S3Backend, type TerraformStack } from "cdktf";
import { isAbsolute, posix } from "node:path";
import type { AppConfig } from "../config/schema";

/**
 * Gives each stack its own state: `<directory>/<stack>.tfstate` locally, or
 * `<keyPrefix>/<stack>.tfstate` in S3 with S3-native locking (Terraform 1.10+).
 */
export function configureStateBackend(stack: TerraformStack, stackName: string, config: AppConfig): void {
  const backend = config.stateBackend;
  if (backend.type === "local") {
    // Terraform runs in cdktf.out/stacks/<stack>/, three levels below the project root; an
    // absolute folder is written as given.
    const directory = isAbsolute(backend.directory) ? backend.directory : `../../../${backend.directory}`;
    new LocalBackend(stack, { path: posix.join(directory, `${stackName}.tfstate`) });
    return;
  }
  const s3 = new S3Backend(stack, {
    bucket: backend.bucket,
    key: backend.keyPrefix ? `${backend.keyPrefix}/${stackName}.tfstate` : `${stackName}.tfstate`,
    region: backend.region,
    encrypt: backend.encrypt,
    kmsKeyId: backend.kmsKeyId,
    assumeRole: backend.assumeRoleArn ? { roleArn: backend.assumeRoleArn } : undefined,
  });
  // cdktf 0.21's S3Backend predates `use_lockfile`; Terraform >= 1.10 reads it.
  if (backend.useLockfile) s3.addOverride("use_lockfile", true);
}
