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
  // The backend reads state with the management provider's credentials (account-providers.ts):
  // the same named profile, and the role the management provider assumes unless the state has a
  // role of its own. Without them Terraform's S3 backend looks only at the default credential
  // chain, and `terraform init` fails with "No valid credential sources found" for a user whose
  // credentials are in a profile. The backend takes one assume_role and does not chain roles
  // ("Backend Type: s3", https://developer.hashicorp.com/terraform/language/backend/s3), so
  // stateBackend.assumeRoleArn is assumed from the profile's credentials.
  const { profile, assumeRole } = config.accounts.management;
  const s3 = new S3Backend(stack, {
    bucket: backend.bucket,
    key: backend.keyPrefix ? `${backend.keyPrefix}/${stackName}.tfstate` : `${stackName}.tfstate`,
    region: backend.region,
    encrypt: backend.encrypt,
    kmsKeyId: backend.kmsKeyId,
    profile,
    assumeRole: backend.assumeRoleArn ? { roleArn: backend.assumeRoleArn } : assumeRole && { roleArn: assumeRole.roleArn, externalId: assumeRole.externalId, sessionName: assumeRole.sessionName },
  });
  // cdktf 0.21's S3Backend predates `use_lockfile`; Terraform >= 1.10 reads it.
  if (backend.useLockfile) s3.addOverride("use_lockfile", true);
}
