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
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import * as http2 from "node:http2";
import { connect } from "node:net";
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


/** Where the project writes AWS types: its code, tests, generated modules and examples. */
export const PROJECT_FOLDERS = ["main.ts", "modules", "tools", "test-doubles", "__tests__", "terraform-modules", "examples"];
/**
 * Folders under PROJECT_FOLDERS that hold copies of other documents, not what the project writes:
 * __tests__/fixtures/aws-provider-6-deprecations.json lists every type the provider's 6.0 upgrade
 * guide deprecates or removes, provider-wide. Read as the project's own, they tripled the schema
 * every Terraform command decodes (47 types and 96 kB of schema became 114 types and 381 kB).
 */
export const NOT_PROJECT_TEXT = ["__tests__/fixtures"];

/** The AWS provider bindings' package name as package.json gives it (the one place the CDK package names live). */
export function providerPackageName(root: string): string {
  return Object.keys(JSON.parse(readFileSync(join(root, "package.json"), "utf8")).peerDependencies).find((name) => name.endsWith("/provider-aws"))!;
}

/**
 * Every AWS type name the project can send to Terraform: the `tfResourceType` of each provider
 * class imported from the provider package's `lib/<name>`, and each `aws_…` word in the project's
 * text files under `folders` (not under NOT_PROJECT_TEXT).
 */
export function projectAwsTypeNames(root: string, folders: readonly string[] = PROJECT_FOLDERS): Set<string> {
  const names = new Set<string>();
  const providerPackage = providerPackageName(root);
  const providerLib = join(root, "node_modules", providerPackage, "lib");
  const providerImport = new RegExp(`${providerPackage.replace(/[/-]/g, "\\$&")}/lib/([a-z0-9-]+)`, "g");
  const skipped = new Set(NOT_PROJECT_TEXT.map((folder) => join(root, folder)));
  const visit = (path: string) => {
    if (statSync(path).isDirectory()) {
      for (const entry of readdirSync(path)) if (entry !== "node_modules" && !entry.startsWith(".") && !skipped.has(join(path, entry))) visit(join(path, entry));
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

/** gRPC's length-prefixed message framing (uncompressed): a zero flag byte, the length, the message. */
export function grpcFrame(message: Buffer): Buffer {
  const prefix = Buffer.alloc(5);
  prefix.writeUInt32BE(message.length, 1);
  return Buffer.concat([prefix, message]);
}

/** The one message of a unary gRPC body; Terraform never compresses. */
export function grpcMessage(body: Buffer): Buffer {
  if (body.length < 5 || body[0] !== 0 || body.readUInt32BE(1) !== body.length - 5) throw new Error("gRPC: expected one uncompressed message");
  return body.subarray(5);
}

/** A call's answer as the provider gave it: its message, or the gRPC status it failed with (the message percent-encoded, as on the wire). */
type Answer = { readonly message: Buffer } | { readonly status: string; readonly statusMessage: string };

/** gRPC's own headers or trailers (metadata, status), without HTTP/2's pseudo-headers (":path", ":status", …). */
const grpcHeaders = (headers: http2.IncomingHttpHeaders): http2.OutgoingHttpHeaders => Object.fromEntries(Object.entries(headers).filter(([name]) => !name.startsWith(":"))) as http2.OutgoingHttpHeaders;
/** The headers a gRPC request carries on to the provider. */
const forwardedHeaders = (headers: http2.IncomingHttpHeaders, path: string): http2.OutgoingHttpHeaders => ({ ...grpcHeaders(headers), ":method": "POST", ":path": path });
const responseHeaders = (headers: http2.IncomingHttpHeaders): http2.OutgoingHttpHeaders => ({ ...grpcHeaders(headers), ":status": 200 });
const read = (stream: NodeJS.ReadableStream) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => resolve(Buffer.concat(chunks)));
    stream.on("error", reject);
  });

/**
 * Serves the provider named in `reattach` (a TF_REATTACH_PROVIDERS value) on the unix socket
 * `socketPath`, its schema cut down to `keep` and its configuration checks asked once each.
 * Returns the TF_REATTACH_PROVIDERS value that points Terraform at the proxy, and how to stop it.
 *
 * It works on HTTP/2 streams (gRPC's transport) with Node's own http2 module: a call it does not
 * answer itself goes to the provider as a stream of its own, bytes, headers and trailers as sent,
 * which covers go-plugin's streaming calls too (the broker and the provider's stdout/stderr).
 * The first version was built on @grpc/grpc-js: over the whole suite (about ten thousand calls)
 * the process serving the proxy spent 10.8 s of CPU; on bare HTTP/2 streams, 6.6 s.
 */
export async function startProviderProxy(reattach: string, socketPath: string, keep: ReadonlySet<string>): Promise<{ reattach: string; stop: () => Promise<void> }> {
  if (!proxyable(reattach)) throw new Error(`the provider proxy speaks plugin protocol 5 over a unix socket, to one provider; TF_REATTACH_PROVIDERS offers ${reattach}`);
  const providers: Record<string, Reattach> = JSON.parse(reattach);
  const [[address, provider]] = Object.entries(providers);
  // Messages are unlimited in size: the provider's whole schema is one 4.9 MB answer.
  const sessionOptions = { maxSessionMemory: 1024, settings: { initialWindowSize: 2 ** 24, maxFrameSize: 2 ** 24 - 1 } };
  const upstream = http2.connect("http://provider", { ...sessionOptions, createConnection: () => connect(provider.Addr.String) });
  upstream.on("error", () => undefined);

  /** A unary call to the provider, answered in full. */
  const ask = (path: string, headers: http2.IncomingHttpHeaders, request: Buffer) =>
    new Promise<Answer>((resolve, reject) => {
      const call = upstream.request(forwardedHeaders(headers, path));
      let status: http2.IncomingHttpHeaders = {};
      call.on("response", (response) => (status = response));
      call.on("trailers", (trailers) => (status = { ...status, ...trailers }));
      read(call).then((body) => {
        const code = String(status["grpc-status"] ?? "0");
        resolve(code === "0" ? { message: grpcMessage(body) } : { status: code, statusMessage: String(status["grpc-message"] ?? "") });
      }, reject);
      call.end(grpcFrame(request));
    });

  // The schema never changes while the provider runs: asked for once, cut once, served from memory.
  let schema: Promise<Answer> | undefined;
  const checked = new Map<string, Promise<Answer>>();
  /** A check is asked once per distinct request; a failed call (not a failed check, which is an answer with diagnostics) is asked again. */
  const checkOnce = (path: string, headers: http2.IncomingHttpHeaders, request: Buffer) => {
    const key = `${path} ${request.toString("latin1")}`;
    let answer = checked.get(key);
    if (!answer) {
      answer = ask(path, headers, request);
      checked.set(key, answer);
      answer.then((result) => "status" in result && checked.delete(key), () => checked.delete(key));
    }
    return answer;
  };
  const cut = (answer: Answer, lists: ReadonlySet<number>): Answer => ("message" in answer ? { message: keepNamedEntries(answer.message, lists, keep) } : answer);
  const answers: Record<string, (headers: http2.IncomingHttpHeaders, request: Buffer) => Promise<Answer>> = {
    ...Object.fromEntries(CHECKS.map((path) => [path, (headers: http2.IncomingHttpHeaders, request: Buffer) => checkOnce(path, headers, request)])),
    "/tfplugin5.Provider/GetSchema": (headers, request) => (schema ??= ask("/tfplugin5.Provider/GetSchema", headers, request).then((answer) => cut(answer, SCHEMA_MAPS))),
    "/tfplugin5.Provider/GetMetadata": async (headers, request) => cut(await ask("/tfplugin5.Provider/GetMetadata", headers, request), METADATA_LISTS),
  };

  const answerItself = async (stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders, own: (headers: http2.IncomingHttpHeaders, request: Buffer) => Promise<Answer>) => {
    let answer: Answer;
    try {
      answer = await own(headers, grpcMessage(await read(stream)));
    } catch (error) {
      answer = { status: "14", statusMessage: encodeURIComponent(`provider proxy: ${(error as Error).message}`) };
    }
    if (stream.destroyed) return;
    if ("status" in answer) {
      stream.respond({ ":status": 200, "content-type": "application/grpc", "grpc-status": answer.status, "grpc-message": answer.statusMessage }, { endStream: true });
      return;
    }
    stream.respond({ ":status": 200, "content-type": "application/grpc" }, { waitForTrailers: true });
    stream.on("wantTrailers", () => stream.sendTrailers({ "grpc-status": "0" }));
    stream.end(grpcFrame(answer.message));
  };

  /** Any other call: a stream of its own to the provider, relayed both ways as it comes. */
  const relay = (stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders) => {
    const call = upstream.request(forwardedHeaders(headers, String(headers[":path"])));
    let trailers: http2.OutgoingHttpHeaders = {};
    stream.pipe(call);
    call.on("response", (response) => {
      if (stream.destroyed) return;
      // A trailers-only answer (a gRPC error before any message) carries its status in these headers.
      if (call.readableEnded || response["grpc-status"] !== undefined) stream.respond(responseHeaders(response), { endStream: true });
      else {
        stream.respond(responseHeaders(response), { waitForTrailers: true });
        call.pipe(stream);
      }
    });
    call.on("trailers", (received) => (trailers = grpcHeaders(received)));
    stream.on("wantTrailers", () => stream.sendTrailers(Object.keys(trailers).length ? trailers : { "grpc-status": "0" }));
    call.on("error", () => stream.destroy());
    stream.on("close", () => call.destroyed || call.close());
  };

  const server = http2.createServer(sessionOptions);
  server.on("stream", (stream, headers) => {
    stream.on("error", () => undefined);
    const own = answers[String(headers[":path"])];
    if (own) void answerItself(stream, headers, own);
    else relay(stream, headers);
  });
  const sessions = new Set<http2.ServerHttp2Session>();
  server.on("session", (session) => {
    sessions.add(session);
    session.on("close", () => sessions.delete(session));
  });
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(socketPath, resolve));
  return {
    reattach: JSON.stringify({ [address]: { ...provider, Addr: { Network: "unix", String: socketPath } } }),
    stop: async () => {
      for (const session of sessions) session.destroy();
      await new Promise((resolve) => server.close(resolve));
      upstream.destroy();
    },
  };
}
