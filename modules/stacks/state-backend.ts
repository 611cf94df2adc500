import { CloudBackend, LocalBackend, NamedCloudWorkspace, S3Backend, type TerraformStack } from "cdktf";
import { isAbsolute, posix } from "node:path";
import type { AppConfig } from "../config/schema";

/**
 * Gives each stack its own state: `<directory>/<stack>.tfstate` locally,
 * `<keyPrefix>/<stack>.tfstate` in S3 with S3-native locking (Terraform 1.10+), or the HCP
 * Terraform / Terraform Enterprise workspace `<workspacePrefix><stack>` (docs/state-backends.md).
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
  if (backend.type === "cloud") {
    // The token comes from `terraform login` or TF_TOKEN_<host>, never from the configuration.
    new CloudBackend(stack, { organization: backend.organization, hostname: backend.hostname, workspaces: new NamedCloudWorkspace(`${backend.workspacePrefix}${stackName}`, backend.project) });
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
