/**
 * A gRPC proxy in front of the run's shared AWS provider, which Terraform reaches instead of the
 * provider. It does two things, and passes every other call to the provider unchanged, byte for
 * byte:
 *
 * - GetSchema is answered with only the resource, data source and ephemeral resource types this
 *   project uses. hashicorp/aws 5.100.0 describes about 2,000 types in a 4.9 MB schema, and every
 *   Terraform command decodes all of it: measured on this project's 2-core machine, one
 *   `terraform validate` of a one-resource root cost 2.3 s of Terraform CPU plus about 1 s in the
 *   provider; through the proxy, 0.17 s. The test suite runs about a hundred such commands.
 * - The provider's configuration checks (PrepareProviderConfig, Validate…Config) are asked once per
 *   distinct request: a check is a function of the request alone (type name, configuration
 *   value, client capabilities), and the suite asks the same ones thousands of times (every run
 *   of every `terraform test` validates the whole stack again, and the Region stacks share most
 *   of their resources). Measured on the shipped configurations' 17 stacks: 4,052 checks; asking
 *   each distinct one once took that test file from 60 s to 50 s of CPU. Plans, applies and reads
 *   are never answered from memory.
 *
 * What Terraform sees is still the provider's own: each kept type's schema is the provider's bytes,
 * not a copy or a re-encoding, and a type the provider does not have stays unsupported (the set is
 * intersected with the provider's answer, never added to it). The kept set is every type a
 * provider class imported anywhere in the project stands for (the class's `tfResourceType`), and
 * every `aws_…` name written in its sources, tests, modules and examples; a type used nowhere in
 * the project would be reported by Terraform as unsupported, loudly. Provider functions, the
 * provider's own configuration schema and its capabilities are passed through whole.
 * AUDIT_MANAGER_TEST_FULL_SCHEMA=1 runs the suite against the whole schema instead.
 *
 * Wire format: Terraform plugin protocol 5 (tfplugin5.proto, GetProviderSchema.Response: 2
 * resource_schemas, 3 data_source_schemas, 8 ephemeral_resource_schemas, each a map, i.e. repeated
 * entries with the name in field 1; GetMetadata.Response: 3 data_sources, 4 resources,
 * 6 ephemeral_resources, each a message with the name in field 1). The proxy reads only the field
 * tags and lengths it needs (protobuf wire format), so it needs no generated code.
 */
import * as grpc from "@grpc/grpc-js";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

/** One top-level protobuf field: its number, its bytes as sent (tag included), and its payload when length-delimited. */
interface WireField {
  readonly number: number;
  readonly raw: Buffer;
  readonly payload?: Buffer;
}

function readVarint(buffer: Buffer, offset: number): [value: number, next: number] {
  let value = 0;
  let shift = 0;
  for (;;) {
    if (offset >= buffer.length) throw new Error("protobuf: truncated varint");
    const byte = buffer[offset++];
    value += (byte & 0x7f) * 2 ** shift;
    if (!(byte & 0x80)) return [value, offset];
    shift += 7;
  }
}

/** The top-level fields of a protobuf message, in order. */
export function wireFields(message: Buffer): WireField[] {
  const fields: WireField[] = [];
  let offset = 0;
  while (offset < message.length) {
    const start = offset;
    let tag: number;
    [tag, offset] = readVarint(message, offset);
    const wireType = tag & 7;
    let payload: Buffer | undefined;
    if (wireType === 0) [, offset] = readVarint(message, offset);
    else if (wireType === 1) offset += 8;
    else if (wireType === 5) offset += 4;
    else if (wireType === 2) {
      let length: number;
      [length, offset] = readVarint(message, offset);
      payload = message.subarray(offset, offset + length);
      offset += length;
    } else throw new Error(`protobuf: wire type ${wireType} is not used by the plugin protocol`);
    if (offset > message.length) throw new Error("protobuf: truncated field");
    fields.push({ number: tag >>> 3, raw: message.subarray(start, offset), ...(payload ? { payload } : {}) });
  }
  return fields;
}

/** The string in field 1 of a message: a map entry's key, or a metadata entry's type_name. */
function nameOf(message: Buffer): string {
  return wireFields(message).find((field) => field.number === 1)?.payload?.toString("utf8") ?? "";
}

/** `message` without the entries of `listFields` whose name is not in `keep`; every other byte unchanged. */
export function keepNamedEntries(message: Buffer, listFields: ReadonlySet<number>, keep: ReadonlySet<string>): Buffer {
  return Buffer.concat(wireFields(message).filter((field) => !listFields.has(field.number) || keep.has(nameOf(field.payload ?? Buffer.alloc(0)))).map((field) => field.raw));
}

const SCHEMA_MAPS = new Set([2, 3, 8]);
/** The provider's configuration checks: same request, same answer. */
const CHECKS = ["PrepareProviderConfig", "ValidateResourceTypeConfig", "ValidateDataSourceConfig", "ValidateEphemeralResourceConfig"].map((method) => `/tfplugin5.Provider/${method}`);
const METADATA_LISTS = new Set([3, 4, 6]);

/** The provider protocol's unary calls (tfplugin5.proto, service Provider), and go-plugin's own. */
const PROVIDER_METHODS = [
  "GetMetadata", "GetSchema", "PrepareProviderConfig", "ValidateResourceTypeConfig", "ValidateDataSourceConfig", "UpgradeResourceState",
  "Configure", "ReadResource", "PlanResourceChange", "ApplyResourceChange", "ImportResourceState", "MoveResourceState", "ReadDataSource",
  "ValidateEphemeralResourceConfig", "OpenEphemeralResource", "RenewEphemeralResource", "CloseEphemeralResource", "GetFunctions", "CallFunction", "Stop",
];
const PLUGIN_UNARY_METHODS = ["/grpc.health.v1.Health/Check", "/plugin.GRPCController/Shutdown"];

/** Where the project writes AWS types: its code, tests, generated modules and examples. */
export const PROJECT_FOLDERS = ["main.ts", "modules", "scripts", "__tests__", "terraform-modules", "examples"];

/** The AWS provider bindings' package name as package.json gives it (the one place the CDK package names live). */
export function providerPackageName(root: string): string {
  return Object.keys(JSON.parse(readFileSync(join(root, "package.json"), "utf8")).peerDependencies).find((name) => name.endsWith("/provider-aws"))!;
}

/**
 * Every AWS type name the project can send to Terraform: the `tfResourceType` of each provider
 * class imported from the provider package's `lib/<name>`, and each `aws_…` word in the project's
 * text files under `folders`.
 */
export function projectAwsTypeNames(root: string, folders: readonly string[] = PROJECT_FOLDERS): Set<string> {
  const names = new Set<string>();
  const providerPackage = providerPackageName(root);
  const providerLib = join(root, "node_modules", providerPackage, "lib");
  const providerImport = new RegExp(`${providerPackage.replace(/[/-]/g, "\\$&")}/lib/([a-z0-9-]+)`, "g");
  const visit = (path: string) => {
    if (statSync(path).isDirectory()) {
      for (const entry of readdirSync(path)) if (entry !== "node_modules" && !entry.startsWith(".")) visit(join(path, entry));
      return;
    }
    if (!/\.(ts|tf|json|hcl)$/.test(path)) return;
    const text = readFileSync(path, "utf8");
    for (const [word] of text.matchAll(/\baws_[a-z0-9_]+/g)) names.add(word);
    for (const [, lib] of text.matchAll(providerImport)) {
      const classFile = join(providerLib, lib, "index.js");
      const type = existsSync(classFile) ? /tfResourceType = "([^"]+)"/.exec(readFileSync(classFile, "utf8"))?.[1] : undefined;
      if (type) names.add(type);
    }
  };
  for (const folder of folders) if (existsSync(join(root, folder))) visit(join(root, folder));
  return names;
}

interface Reattach {
  readonly Protocol: string;
  readonly ProtocolVersion: number;
  readonly Addr: { readonly Network: string; readonly String: string };
}

const UNLIMITED = { "grpc.max_receive_message_length": -1, "grpc.max_send_message_length": -1 };
const asIs = (message: Buffer) => message;

/**
 * Serves the provider named in `reattach` (a TF_REATTACH_PROVIDERS value) on the unix socket
 * `socketPath`, its schema cut down to `keep` and its configuration checks asked once each. Returns the TF_REATTACH_PROVIDERS value that points
 * Terraform at the proxy, and how to stop it.
 */
/**
 * Whether the proxy can stand in front of the provider `reattach` names: it speaks plugin protocol 5
 * (hashicorp/aws 5.x and 6.x) over a unix socket. Any other provider is used directly, with its
 * whole schema.
 */
export function proxyable(reattach: string): boolean {
  const providers: Record<string, Reattach> = JSON.parse(reattach);
  const entries = Object.values(providers);
  return entries.length === 1 && entries[0].Protocol === "grpc" && entries[0].ProtocolVersion === 5 && entries[0].Addr.Network === "unix";
}

export async function startProviderProxy(reattach: string, socketPath: string, keep: ReadonlySet<string>): Promise<{ reattach: string; stop: () => Promise<void> }> {
  if (!proxyable(reattach)) throw new Error(`the provider proxy speaks plugin protocol 5 over a unix socket, to one provider; TF_REATTACH_PROVIDERS offers ${reattach}`);
  const providers: Record<string, Reattach> = JSON.parse(reattach);
  const [[address, provider]] = Object.entries(providers);
  const upstream = new grpc.Client(`unix:${provider.Addr.String}`, grpc.credentials.createInsecure(), UNLIMITED);
  const server = new grpc.Server(UNLIMITED);
  const forward = (path: string, request: Buffer, metadata: grpc.Metadata) =>
    new Promise<Buffer>((resolve, reject) => upstream.makeUnaryRequest(path, asIs, asIs, request, metadata, (error, response) => (error ? reject(error) : resolve(response!))));
  // The schema never changes while the provider runs: asked for once, cut once, served from memory.
  let schema: Promise<Buffer> | undefined;
  const checked = new Map<string, Promise<Buffer>>();
  const checkOnce = (path: string) => (request: Buffer, metadata: grpc.Metadata) => {
    const key = `${path} ${request.toString("latin1")}`;
    let answer = checked.get(key);
    if (!answer) {
      answer = forward(path, request, metadata);
      checked.set(key, answer);
      // A failed call (not a failed check, which is an answer with diagnostics) is asked again next time.
      answer.catch(() => checked.delete(key));
    }
    return answer;
  };
  const answers: Record<string, (request: Buffer, metadata: grpc.Metadata) => Promise<Buffer>> = {
    ...Object.fromEntries(CHECKS.map((path) => [path, checkOnce(path)])),
    "/tfplugin5.Provider/GetSchema": (request, metadata) =>
      (schema ??= forward("/tfplugin5.Provider/GetSchema", request, metadata).then((full) => keepNamedEntries(full, SCHEMA_MAPS, keep))),
    "/tfplugin5.Provider/GetMetadata": async (request, metadata) => keepNamedEntries(await forward("/tfplugin5.Provider/GetMetadata", request, metadata), METADATA_LISTS, keep),
  };
  for (const path of [...PROVIDER_METHODS.map((method) => `/tfplugin5.Provider/${method}`), ...PLUGIN_UNARY_METHODS]) {
    const answer = answers[path] ?? ((request: Buffer, metadata: grpc.Metadata) => forward(path, request, metadata));
    server.register(path, (call: grpc.ServerUnaryCall<Buffer, Buffer>, callback: grpc.sendUnaryData<Buffer>) => {
      answer(call.request, call.metadata).then((response) => callback(null, response), (error: grpc.ServiceError) => callback(error));
    }, asIs, asIs, "unary");
  }
  // go-plugin's streams (the broker and the provider's stdout/stderr), relayed both ways.
  const relay = (from: NodeJS.EventEmitter & { cancel?: () => void }, to: grpc.ClientDuplexStream<Buffer, Buffer> | grpc.ServerWritableStream<Buffer, Buffer> | grpc.ServerDuplexStream<Buffer, Buffer>) => {
    from.on("data", (message: Buffer) => to.write(message));
    from.on("end", () => to.end());
    from.on("error", () => to.end());
  };
  server.register("/plugin.GRPCStdio/StreamStdio", (call: grpc.ServerWritableStream<Buffer, Buffer>) => {
    const stream = upstream.makeServerStreamRequest("/plugin.GRPCStdio/StreamStdio", asIs, asIs, call.request, call.metadata);
    relay(stream, call);
    call.on("cancelled", () => stream.cancel());
  }, asIs, asIs, "serverStream");
  server.register("/plugin.GRPCBroker/StartStream", (call: grpc.ServerDuplexStream<Buffer, Buffer>) => {
    const stream = upstream.makeBidiStreamRequest("/plugin.GRPCBroker/StartStream", asIs, asIs, call.metadata);
    relay(stream, call);
    relay(call, stream);
    call.on("cancelled", () => stream.cancel());
  }, asIs, asIs, "bidi");
  await new Promise<void>((resolve, reject) => server.bindAsync(`unix:${socketPath}`, grpc.ServerCredentials.createInsecure(), (error) => (error ? reject(error) : resolve())));
  return {
    reattach: JSON.stringify({ [address]: { ...provider, Addr: { Network: "unix", String: socketPath } } }),
    stop: async () => {
      server.forceShutdown();
      upstream.close();
    },
  };
}
