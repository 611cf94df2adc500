/** What a stack's Terraform JSON says, in the terms a reviewer uses: accounts, Region, resources, imports. */
import { keyAttributes, type KeyAttribute } from "./key-attributes";
import { byCodePoint } from "../kit/order";
import type { SynthesizedStackFile } from "../synth/synth-output";

/** How the stacks name their two providers (modules/stacks/account-providers.ts). */
const ACCOUNT_ROLES: Readonly<Record<string, string>> = {
  management: "management account",
  delegated_admin: "delegated administrator",
};

export interface ProviderModel {
  /** `aws.<alias>`, as resources reference it. */
  readonly reference: string;
  readonly accountRole: string;
  readonly accountId: string;
  readonly region: string;
  readonly roleArn?: string;
}

export interface ResourceModel {
  readonly address: string;
  readonly type: string;
  readonly name: string;
  readonly provider: string;
  readonly attributes: Record<string, unknown>;
  readonly keyAttributes: readonly KeyAttribute[];
}

export interface ImportModel {
  readonly to: string;
  readonly id: string;
  readonly provider: string;
}

export interface StackModel {
  readonly name: string;
  readonly dependencies: readonly string[];
  readonly providers: readonly ProviderModel[];
  readonly resources: readonly ResourceModel[];
  readonly imports: readonly ImportModel[];
  readonly outputs: Readonly<Record<string, unknown>>;
}

const DEFAULT_PROVIDER = "aws";

export function describeStack(file: SynthesizedStackFile): StackModel {
  const { json } = file;
  const providers = (json.provider?.aws ?? []).map((block): ProviderModel => {
    const alias = typeof block.alias === "string" ? block.alias : undefined;
    const assumeRole = (block.assume_role as { role_arn?: string }[] | undefined)?.[0];
    return {
      reference: alias ? `aws.${alias}` : DEFAULT_PROVIDER,
      accountRole: (alias && ACCOUNT_ROLES[alias]) ?? alias ?? "default provider",
      accountId: (block.allowed_account_ids as string[] | undefined)?.join(", ") ?? "any (not pinned)",
      region: String(block.region ?? "not set"),
      roleArn: assumeRole?.role_arn,
    };
  });
  const dataSources = new Map(Object.entries(json.data ?? {}).flatMap(([type, byName]) => Object.entries(byName).map(([name, body]) => [`data.${type}.${name}`, body] as const)));
  const resources = Object.entries(json.resource ?? {}).flatMap(([type, byName]) =>
    Object.entries(byName).map(([name, body]): ResourceModel => ({
      address: `${type}.${name}`,
      type,
      name,
      // Without a provider argument Terraform takes the default configuration of the provider the
      // type's first word names: `aws` for aws_*, the built-in `terraform` for terraform_data.
      provider: typeof body.provider === "string" ? body.provider : type.split("_")[0],
      attributes: body,
      keyAttributes: keyAttributes(type, body, dataSources),
    })),
  );
  const imports = (json.import ?? []).map((block): ImportModel => ({ to: block.to, id: block.id, provider: block.provider ?? DEFAULT_PROVIDER }));
  const outputs = Object.fromEntries(Object.entries(json.output ?? {}).map(([name, output]) => [name, output.value]));
  return {
    name: file.name,
    dependencies: file.dependencies,
    providers,
    resources: resources.sort((a, b) => byCodePoint(a.address, b.address)),
    imports: imports.sort((a, b) => byCodePoint(a.to, b.to)),
    outputs,
  };
}

/** The Region a stack acts in: its providers' Region (all of a stack's providers share it). */
export function regionOf(stack: StackModel): string {
  return [...new Set(stack.providers.map((p) => p.region))].join(", ") || "not set";
}
