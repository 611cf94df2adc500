/**
 * The provider proxy the Terraform tests run behind (support/provider-proxy.ts): it drops
 * only the schema entries of types the project never uses, keeps every other byte as the provider
 * sent it, and keeps every type the project's code can synthesize.
 */
import { writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { PROJECT_ROOT, projectConfig, synth } from "./support/synth";
import { temporaryDirectory } from "./support/temp";
import { keepNamedEntries, projectAwsTypeNames, providerPackageName, proxyable, wireFields } from "./support/provider-proxy";

/** Protobuf encoding, written out here from the wire-format rules, independent of the proxy's reader. */
const varint = (value: number): Buffer => {
  const bytes: number[] = [];
  do {
    bytes.push((value & 0x7f) | (value >= 0x80 ? 0x80 : 0));
    value = Math.floor(value / 128);
  } while (value > 0);
  return Buffer.from(bytes);
};
const lengthDelimited = (field: number, payload: Buffer) => Buffer.concat([varint((field << 3) | 2), varint(payload.length), payload]);
const varintField = (field: number, value: number) => Buffer.concat([varint(field << 3), varint(value)]);
/** A map<string, Schema> entry: key in field 1, value in field 2. */
const mapEntry = (field: number, key: string, value: Buffer) => lengthDelimited(field, Buffer.concat([lengthDelimited(1, Buffer.from(key)), lengthDelimited(2, value)]));

const providerSchema = lengthDelimited(1, Buffer.from("provider block"));
const bucket = mapEntry(2, "aws_s3_bucket", Buffer.alloc(300, 7));
const instance = mapEntry(2, "aws_instance", Buffer.alloc(5, 1));
const callerIdentity = mapEntry(3, "aws_caller_identity", Buffer.from("data source"));
const ami = mapEntry(3, "aws_ami", Buffer.from("data source"));
const capabilities = lengthDelimited(6, varintField(1, 1));
const functionEntry = mapEntry(7, "arn_parse", Buffer.from("function"));
const ephemeral = mapEntry(8, "aws_secretsmanager_secret_version", Buffer.from("ephemeral"));
const response = Buffer.concat([providerSchema, bucket, instance, callerIdentity, ami, capabilities, functionEntry, ephemeral]);

describe("the schema answer", () => {
  const kept = keepNamedEntries(response, new Set([2, 3, 8]), new Set(["aws_s3_bucket", "aws_caller_identity"]));

  test("keeps the listed resource and data source types, byte for byte, in the provider's order", () => {
    expect(kept).toEqual(Buffer.concat([providerSchema, bucket, callerIdentity, capabilities, functionEntry]));
  });

  test("drops the types not listed, in every filtered map, ephemeral resources included", () => {
    expect(kept.includes(Buffer.from("aws_instance"))).toBe(false);
    expect(kept.includes(Buffer.from("aws_ami"))).toBe(false);
    expect(kept.includes(Buffer.from("aws_secretsmanager_secret_version"))).toBe(false);
  });

  test("passes provider functions and fields outside the filtered maps through unchanged", () => {
    expect(wireFields(kept).map((field) => field.number)).toEqual([1, 2, 3, 6, 7]);
  });

  test("never adds a type the provider did not send", () => {
    const withUnknown = keepNamedEntries(response, new Set([2, 3, 8]), new Set(["aws_s3_bucket", "aws_not_a_type"]));
    expect(withUnknown.includes(Buffer.from("aws_not_a_type"))).toBe(false);
  });

  test("reads lengths of more than one varint byte (a schema entry over 127 bytes)", () => {
    expect(wireFields(bucket)).toEqual([expect.objectContaining({ number: 2, raw: bucket })]);
    expect(bucket.length).toBeGreaterThan(300);
  });

  test("refuses a truncated message instead of passing part of it on", () => {
    expect(() => wireFields(response.subarray(0, response.length - 3))).toThrow("protobuf: truncated field");
  });
});

describe("the kept types", () => {
  const kept = projectAwsTypeNames(PROJECT_ROOT);

  test("include every type the stacks of both shipped configurations synthesize", () => {
    const synthesized = ["config/example.json", "config/all-regions.json"].flatMap((file) =>
      synth(projectConfig(file)).stacks.flatMap(({ json }) => [...Object.keys(json.resource ?? {}), ...Object.keys(json.data ?? {})]),
    );
    expect(new Set(synthesized).size).toBeGreaterThan(20);
    expect(synthesized.filter((type) => !kept.has(type))).toEqual([]);
  });

  test("come from the provider classes the code imports, not only from names written out", () => {
    // A source that imports a provider class without ever writing its type's name.
    const providerPackage = providerPackageName(PROJECT_ROOT);
    const folder = temporaryDirectory("provider-proxy-source");
    writeFileSync(join(folder, "construct.ts"), `import { DataAwsAmi } from "${providerPackage}/lib/data-aws-ami";\nvoid DataAwsAmi;\n`);
    expect(projectAwsTypeNames(PROJECT_ROOT, [relative(PROJECT_ROOT, folder)])).toEqual(new Set(["aws_ami"]));
  });
});

describe("which providers it stands in front of", () => {
  const reattach = (protocolVersion: number, network: string) =>
    JSON.stringify({ "registry.terraform.io/hashicorp/aws": { Protocol: "grpc", ProtocolVersion: protocolVersion, Pid: 1, Test: true, Addr: { Network: network, String: "/tmp/plugin1" } } });

  test("a protocol 5 provider on a unix socket, as hashicorp/aws 5.x and 6.x start in debug mode", () => {
    expect(proxyable(reattach(5, "unix"))).toBe(true);
  });

  test("not a protocol 6 provider or one on TCP: those are used directly, with their whole schema", () => {
    expect(proxyable(reattach(6, "unix"))).toBe(false);
    expect(proxyable(reattach(5, "tcp"))).toBe(false);
  });
});
