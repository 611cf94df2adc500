/**
 * The provider proxy the Terraform tests run behind (support/provider-proxy.ts): it drops
 * only the schema entries of types the project never uses, keeps every other byte as the provider
 * sent it, and keeps every type the project's code can synthesize; it asks each configuration
 * check once, and relays every other call, streams and errors included, as the provider answers.
 */
import { readFileSync, writeFileSync } from "node:fs";
import * as http2 from "node:http2";
import { connect } from "node:net";
import { join, relative } from "node:path";
import { PROJECT_ROOT, projectConfig, synth } from "./support/synth";
import { temporaryDirectory } from "./support/temp";
import { grpcFrame, grpcMessage, keepNamedEntries, NOT_PROJECT_TEXT, projectAwsTypeNames, providerPackageName, proxyable, startProviderProxy, wireFields } from "./support/provider-proxy";

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

/**
 * Names of types the project does not use, joined at run time rather than written out: the proxy
 * keeps every `aws_…` word of the project's text, this file included, and these two would add
 * 26 kB to the schema every Terraform command of the suite decodes.
 */
const INSTANCE = ["aws", "instance"].join("_");
const AMI = ["aws", "ami"].join("_");

const providerSchema = lengthDelimited(1, Buffer.from("provider block"));
const bucket = mapEntry(2, "aws_s3_bucket", Buffer.alloc(300, 7));
const instance = mapEntry(2, INSTANCE, Buffer.alloc(5, 1));
const callerIdentity = mapEntry(3, "aws_caller_identity", Buffer.from("data source"));
const ami = mapEntry(3, AMI, Buffer.from("data source"));
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
    expect(kept.includes(Buffer.from(INSTANCE))).toBe(false);
    expect(kept.includes(Buffer.from(AMI))).toBe(false);
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
    // The AWS provider's types; terraform_data belongs to Terraform's built-in provider, not the proxied one.
    ).filter((type) => type.startsWith("aws_"));
    expect(new Set(synthesized).size).toBeGreaterThan(20);
    expect(synthesized.filter((type) => !kept.has(type))).toEqual([]);
  });

  test("come from the provider classes the code imports, not only from names written out", () => {
    // A source that imports a provider class without ever writing its type's name.
    const providerPackage = providerPackageName(PROJECT_ROOT);
    const folder = temporaryDirectory("provider-proxy-source");
    writeFileSync(join(folder, "construct.ts"), `import { DataAwsAmi } from "${providerPackage}/lib/data-aws-ami";\nvoid DataAwsAmi;\n`);
    expect(projectAwsTypeNames(PROJECT_ROOT, [relative(PROJECT_ROOT, folder)])).toEqual(new Set([AMI]));
  });

  test("leave out the types only a copied document names (the 6.0 upgrade guide's provider-wide list in the fixtures)", () => {
    // Joined here, not written out: this file is project text, whose type names are kept.
    const type = ["aws", "opsworks", "php", "app", "layer"].join("_");
    const guide = readFileSync(join(PROJECT_ROOT, NOT_PROJECT_TEXT[0], "aws-provider-6-deprecations.json"), "utf8");
    expect(guide).toContain(`"${type}"`);
    expect(kept.has(type)).toBe(false);
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

describe("the calls it relays and answers", () => {
  /** A stand-in provider on a unix socket: records each call, answers as `reply` says. */
  type Reply = { messages: Buffer[]; trailers?: http2.OutgoingHttpHeaders; trailersOnly?: http2.OutgoingHttpHeaders };
  const calls: { path: string; message: Buffer; metadata: string | undefined }[] = [];
  let reply: (path: string, message: Buffer) => Reply;
  let provider: http2.Http2Server;
  let proxy: { reattach: string; stop: () => Promise<void> };
  let client: http2.ClientHttp2Session;

  beforeAll(async () => {
    const folder = temporaryDirectory("provider-proxy-transport");
    provider = http2.createServer();
    provider.on("stream", (stream, headers) => {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const path = String(headers[":path"]);
        const message = grpcMessage(Buffer.concat(chunks));
        calls.push({ path, message, metadata: headers["x-test-metadata"] as string | undefined });
        const { messages, trailers, trailersOnly } = reply(path, message);
        if (trailersOnly) return stream.respond({ ":status": 200, "content-type": "application/grpc", ...trailersOnly }, { endStream: true });
        stream.respond({ ":status": 200, "content-type": "application/grpc" }, { waitForTrailers: true });
        stream.on("wantTrailers", () => stream.sendTrailers(trailers ?? { "grpc-status": "0" }));
        for (const m of messages) stream.write(grpcFrame(m));
        stream.end();
      });
    });
    const providerSocket = join(folder, "provider.sock");
    await new Promise<void>((resolve) => provider.listen(providerSocket, resolve));
    const reattach = JSON.stringify({ "registry.terraform.io/hashicorp/aws": { Protocol: "grpc", ProtocolVersion: 5, Pid: 1, Test: true, Addr: { Network: "unix", String: providerSocket } } });
    proxy = await startProviderProxy(reattach, join(folder, "proxy.sock"), new Set(["aws_s3_bucket", "aws_caller_identity"]));
    const proxySocket = JSON.parse(proxy.reattach)["registry.terraform.io/hashicorp/aws"].Addr.String;
    client = http2.connect("http://proxy", { createConnection: () => connect(proxySocket) });
  });

  afterAll(async () => {
    client?.close();
    await proxy?.stop();
    await new Promise((resolve) => provider?.close(resolve));
  });

  beforeEach(() => {
    calls.length = 0;
    reply = (_, message) => ({ messages: [Buffer.concat([Buffer.from("answer to "), message])] });
  });

  /** One call through the proxy as Terraform makes it: the gRPC messages and the status it ends with. */
  const call = (path: string, message: Buffer) =>
    new Promise<{ messages: Buffer[]; status: string; statusMessage?: string }>((resolve, reject) => {
      const stream = client.request({ ":method": "POST", ":path": path, "content-type": "application/grpc", te: "trailers", "x-test-metadata": "from terraform" });
      let headers: http2.IncomingHttpHeaders = {};
      const chunks: Buffer[] = [];
      stream.on("response", (response) => (headers = response));
      stream.on("trailers", (trailers) => (headers = { ...headers, ...trailers }));
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("error", reject);
      stream.on("end", () => {
        const body = Buffer.concat(chunks);
        const messages: Buffer[] = [];
        for (let offset = 0; offset < body.length; offset += 5 + body.readUInt32BE(offset + 1)) messages.push(body.subarray(offset + 5, offset + 5 + body.readUInt32BE(offset + 1)));
        resolve({ messages, status: String(headers["grpc-status"]), statusMessage: headers["grpc-message"] as string | undefined });
      });
      stream.end(grpcFrame(message));
    });

  test("a plan reaches the provider every time, its bytes and metadata as sent, and the answer comes back as given", async () => {
    const plan = Buffer.from("plan request");
    expect(await call("/tfplugin5.Provider/PlanResourceChange", plan)).toEqual({ messages: [Buffer.from("answer to plan request")], status: "0" });
    await call("/tfplugin5.Provider/PlanResourceChange", plan);
    expect(calls).toEqual([
      { path: "/tfplugin5.Provider/PlanResourceChange", message: plan, metadata: "from terraform" },
      { path: "/tfplugin5.Provider/PlanResourceChange", message: plan, metadata: "from terraform" },
    ]);
  });

  test("a configuration check is asked once per distinct request", async () => {
    const check = "/tfplugin5.Provider/ValidateResourceTypeConfig";
    const [first, second, other] = [await call(check, Buffer.from("bucket a")), await call(check, Buffer.from("bucket a")), await call(check, Buffer.from("bucket b"))];
    expect([first, second, other].map((answer) => answer.messages[0].toString())).toEqual(["answer to bucket a", "answer to bucket a", "answer to bucket b"]);
    expect(calls.map((c) => c.message.toString())).toEqual(["bucket a", "bucket b"]);
  });

  test("a check the provider fails to answer is passed on as its gRPC error and asked again next time", async () => {
    reply = () => ({ messages: [], trailersOnly: { "grpc-status": "13", "grpc-message": "provider%20crashed" } });
    const answer = await call("/tfplugin5.Provider/ValidateDataSourceConfig", Buffer.from("caller identity"));
    expect(answer).toMatchObject({ messages: [], status: "13", statusMessage: "provider%20crashed" });
    await call("/tfplugin5.Provider/ValidateDataSourceConfig", Buffer.from("caller identity"));
    expect(calls).toHaveLength(2);
  });

  test("an error on a relayed call comes back with its status and message", async () => {
    reply = () => ({ messages: [], trailersOnly: { "grpc-status": "3", "grpc-message": "bad%20plan" } });
    expect(await call("/tfplugin5.Provider/PlanResourceChange", Buffer.from("x"))).toMatchObject({ status: "3", statusMessage: "bad%20plan" });
  });

  test("the schema is asked for once and answered cut down to the kept types", async () => {
    reply = () => ({ messages: [response] });
    const [first, second] = [await call("/tfplugin5.Provider/GetSchema", Buffer.alloc(0)), await call("/tfplugin5.Provider/GetSchema", Buffer.alloc(0))];
    const kept = Buffer.concat([providerSchema, bucket, callerIdentity, capabilities, functionEntry]);
    expect(first.messages).toEqual([kept]);
    expect(second.messages).toEqual([kept]);
    expect(calls.filter((c) => c.path === "/tfplugin5.Provider/GetSchema")).toHaveLength(1);
  });

  test("a streaming call (the provider's output, go-plugin's broker) is relayed message by message, trailers included", async () => {
    reply = () => ({ messages: [Buffer.from("line 1"), Buffer.from("line 2")], trailers: { "grpc-status": "0", "x-test-trailer": "kept" } });
    expect(await call("/plugin.GRPCStdio/StreamStdio", Buffer.alloc(0))).toEqual({ messages: [Buffer.from("line 1"), Buffer.from("line 2")], status: "0" });
  });
});
