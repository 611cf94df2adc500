import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { show, SHOWN_CHARACTERS } from "../modules/kit/fields";
import { parseJson } from "../modules/kit/json";
import { ConfigError, loadConfig, parseConfig } from "../modules/config/load";
import { configProblems as problems, withChange } from "./support/config";
import { exampleInput, PROJECT_ROOT, synthInput } from "./support/synth";

const dir = mkdtempSync(join(tmpdir(), "config-loading-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
/** Writes `text` to a new file and returns its path. */
function file(text: string | Buffer): string {
  const path = join(dir, `config-${++files}.json`);
  writeFileSync(path, text);
  return path;
}

/** The ConfigError `load` throws; fails the test when it returns or throws anything else. */
function configError(load: () => unknown): ConfigError {
  try {
    load();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("the configuration was accepted");
}

const exampleText = () => JSON.stringify(exampleInput(), null, 2);

/** `levels` lists nested in each other around 1, built without recursion. */
function nestedLists(levels: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = [value];
  return value;
}

describe("deep nesting ends in a ConfigError, never a stack overflow", () => {
  test("a file with a value nested 5000 levels deep is refused with the line and column of the level too many", () => {
    const text = exampleText().replace('"./schema.json"', `${"[".repeat(5000)}1${"]".repeat(5000)}`);
    expect(configError(() => loadConfig(file(text))).problems).toEqual([
      expect.stringMatching(/^is not valid JSON: line 2, column 77: values are nested more than 64 levels deep/),
    ]);
  });

  test.each([
    ["$schema", (c: any, deep: unknown) => (c.$schema = deep)],
    ["tags.Project", (c: any, deep: unknown) => (c.tags.Project = deep)],
    ["regions[0]", (c: any, deep: unknown) => (c.regions[0] = deep)],
    ["an unknown key", (c: any, deep: unknown) => (c.unknown = deep)],
    ["auditManager.kmsKey", (c: any, deep: unknown) => (c.auditManager.kmsKey = deep)],
  ])("an already-parsed value nested 100000 levels deep at %s is reported, not thrown as a RangeError", (_, put) => {
    const found = problems(withChange((c) => put(c, nestedLists(100_000))));
    expect(found).toEqual([expect.stringMatching(/: is nested more than 64 levels deep; allowed: /)]);
  });

  test("a message quotes a deeply nested value four levels deep, then […]", () => {
    expect(show(nestedLists(100_000))).toBe(`${"[".repeat(4)}[…]${"]".repeat(4)}`);
    expect(show({ a: nestedLists(10) })).toBe(`{"a":${"[".repeat(3)}[…]${"]".repeat(3)}}`);
  });
});

describe("the app (main.ts) on bad input", () => {

  test.each([
    ["a value nested 5000 levels deep", () => exampleText().replace('"./schema.json"', `${"[".repeat(5000)}1${"]".repeat(5000)}`)],
    ["an object nested 5000 levels deep", () => exampleText().replace('"./schema.json"', `${'{"a":'.repeat(5000)}1${"}".repeat(5000)}`)],
    ["bytes that are not UTF-8", () => Buffer.from([0x7b, 0xff, 0xfe, 0x7d])],
  ])("%s: exit 1 with the list of problems, never a stack trace", (_, text) => {
    const outdir = mkdtempSync(join(dir, "out-"));
    const result = spawnSync(process.execPath, ["dist/main.js"], { cwd: PROJECT_ROOT, env: { ...process.env, AUDIT_MANAGER_CONFIG: file(text()), CDKTF_OUTDIR: outdir }, encoding: "utf8" });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^\S+\.json: 1 problem in the configuration:\n {2}- /);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("work and output are bounded", () => {
  test("a 5 MB file is refused for its size before anything else", () => {
    const entries = Array.from({ length: 300_000 }, (_, i) => `"k${i}": 1`).join(",");
    const error = configError(() => loadConfig(file(`{ "tags": { ${entries} } }`)));
    expect(error.problems).toEqual([expect.stringMatching(/^is larger than 1048576 bytes \(1 MiB\); .*allowed: a configuration file of at most 1 MiB$/)]);
  });

  test("a file of 1 MiB exactly is read and validated", () => {
    const text = exampleText();
    const padded = text + " ".repeat(1024 * 1024 - Buffer.byteLength(text));
    expect(() => loadConfig(file(padded))).not.toThrow();
  });

  test("at most 50 problems are listed, then how many more there are; all of them stay in problems", () => {
    const error = configError(() => parseConfig(withChange((c) => (c.regions = Array.from({ length: 120 }, (_, i) => `nowhere-${i}`)))));
    const lines = error.message.split("\n");
    expect(lines[0]).toMatch(/: 121 problems in the configuration:$/);
    expect(lines.filter((line) => line.startsWith("  - "))).toHaveLength(50);
    expect(lines.at(-1)).toBe("  … and 71 more");
    expect(error.problems).toHaveLength(121);
  });

  test("a long value is quoted as its first 160 characters, an ellipsis and its length", () => {
    const found = problems(withChange((c) => (c.organizationId = "o".repeat(1_000_000))));
    expect(found).toEqual([`organizationId: "${"o".repeat(SHOWN_CHARACTERS - 1)}… (1000000 characters) is not an AWS Organizations ID; allowed: "o-" followed by 10 to 32 lowercase letters or digits`]);
  });

  test("a long list or object is quoted short, with its size", () => {
    expect(show(Array.from({ length: 100_000 }, (_, i) => i))).toMatch(/^\[0,1,2,.{140,}… \(a list of 100000 items\)$/);
    expect(show(Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`key${i}`, i])))).toMatch(/^\{"key0":0,.*… \(an object with 1000 keys\)$/);
  });

  test("more values than a configuration holds are refused before the schema looks at them", () => {
    expect(problems(withChange((c) => (c.regions = Array.from({ length: 200_000 }, () => 1))))).toEqual([
      "regions: makes the configuration hold more than 10000 values (objects, lists, strings, numbers); a configuration holds a few hundred; allowed: at most 10000",
    ]);
  });
});

describe("nothing is accepted silently", () => {
  test.each([
    ["tags", '"tags": {', '"tags": { "__proto__": "x",'],
    ["accounts.management", '"management": {', '"management": { "__proto__": { "accountId": "333333333333" },'],
    ["(top level)", '"organizationId"', '"__proto__": {}, "organizationId"'],
  ])("a key __proto__ in %s is refused, naming its path, from a file and from JSON.parse", (where, find, replace) => {
    const text = exampleText().replace(find, replace);
    const expected = `${where === "(top level)" ? "" : `${where}.`}__proto__: "__proto__" is not allowed as a key (JavaScript reserves it, and it would be dropped without a word); allowed: any other key`;
    expect(configError(() => loadConfig(file(text))).problems).toEqual([expected]);
    expect(problems(JSON.parse(text))).toEqual([expected]);
  });

  test("a key __proto__ in the record of existing key ARNs is refused", () => {
    const input = withChange((c) => {
      c.regions = ["us-east-1"];
      c.securityHub = { mode: "local" };
      c.auditManager.kmsKey = { type: "existing", keyArns: JSON.parse('{ "us-east-1": "arn:aws:kms:us-east-1:111111111111:key/mrk-0123456789abcdef0123456789abcdef", "__proto__": "arn:aws:kms:us-east-1:111111111111:key/mrk-0123456789abcdef0123456789abcdef" }') };
    });
    expect(problems(input)).toEqual([expect.stringMatching(/^auditManager\.kmsKey\.keyArns\.__proto__: "__proto__" is not allowed as a key/)]);
  });

  test("a key given twice is refused with its path and both lines, even when both values are valid", () => {
    const text = exampleText().replace('"accountId": "111111111111"', '"accountId": "111111111111",\n      "accountId": "333333333333"');
    const line = text.split("\n").findIndex((l) => l.includes('"accountId": "111111111111"')) + 1;
    expect(configError(() => loadConfig(file(text))).problems).toEqual([
      `accounts.management.accountId: is given 2 times (lines ${line}, ${line + 1}), and only the last would count; allowed: each key once in an object, so remove all but one`,
    ]);
  });

  test("repeated keys are reported with every other problem of the file", () => {
    const text = exampleText().replace('"organizationId": "o-a1b2c3d4e5"', '"organizationId": "bad", "organizationId": "o-a1b2c3d4e5", "organizationId": "worse"');
    expect(configError(() => loadConfig(file(text))).problems).toEqual([
      "organizationId: is given 3 times (lines 3, 3, 3), and only the last would count; allowed: each key once in an object, so remove all but one",
      'organizationId: "worse" is not an AWS Organizations ID; allowed: "o-" followed by 10 to 32 lowercase letters or digits',
    ]);
  });
});

describe("the CDK's token markers", () => {
  test.each(["${TfToken[TOKEN.1]}", "x#{TfToken[TOKEN.2]}", "&{TfToken[TOKEN.3]}"])("configuration text %j, which cdktf would replace with one of its values, is refused", (text) => {
    expect(problems(withChange((c) => (c.iamPolicy = { description: text })))).toEqual([expect.stringMatching(/^iamPolicy\.description: ".*" contains "\{TfToken\[", the marker CDK for Terraform uses/)]);
  });

  test("a key with a token marker is refused too", () => {
    expect(problems(withChange((c) => (c.tags = { "${TfToken[TOKEN.1]}": "x" })))).toContainEqual(expect.stringMatching(/^tags\.\$\{TfToken\[TOKEN\.1\]\}: the key ".*" contains "\{TfToken\["/));
  });
});

describe("file format messages", () => {
  test.each([
    ['{\n  "organizationId": "o-a1b2c3d4e5",\n  "regions": ["us-east-1",]\n}', 'line 3, column 26: a trailing comma before "]"; JSON allows none: remove this comma'],
    ['{\n  "organizationId": "o-a1b2c3d4e5",\n  "regions": ["us-east-1"],\n}', 'line 3, column 27: a trailing comma before "}"; JSON allows none: remove this comma'],
    ['{\n  "organizationId": "o-a1b2c3d4e5"\n  "regions": []\n}', 'line 3, column 3: expected "," or "}" after a value in an object, found "\\""'],
    ['{\n  organizationId: 1\n}', 'line 2, column 3: expected a key in double quotes, found "o"'],
    ['{\n  "organizationId": "o-a1b2', "line 2, column 21: a string that is never closed"],
    ['{ "a": 1 } }', 'line 1, column 12: expected the end of the file after the top-level value, found "}"'],
    ["", "line 1, column 1: the file ends where a value (an object, list, string, number, true, false or null) should be"],
  ])("a JSON syntax error is reported with its line and column: %j", (text, message) => {
    expect(configError(() => loadConfig(file(text))).problems).toEqual([`is not valid JSON: ${message}`]);
  });

  test("a file that starts with a UTF-8 byte order mark is read as if it had none", () => {
    const text = exampleText();
    expect(loadConfig(file(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])))).toEqual(loadConfig(file(text)));
  });

  test("the parser reads exactly what JSON.parse reads", () => {
    const text = '{"a":[1,-2.5e3,0.5,true,false,null,"\\u00e9\\n\\"x\\"",{}],"b":{"c":[]},"é":"ü"}';
    expect(parseJson(text)).toEqual({ ok: true, value: JSON.parse(text), duplicates: [] });
  });
});

describe("Region messages", () => {
  test("homeRegion's allowed list names only the valid Regions of regions, each once", () => {
    expect(problems(withChange((c) => { c.regions = ["us-east-1", "nowhere-1", "us-east-1", "eu-west-1"]; c.homeRegion = "eu-central-1"; }))).toContain(
      'homeRegion: "eu-central-1" is not in regions; allowed: one of us-east-1, eu-west-1, or add it to regions',
    );
  });

  test.each([
    ["regions[1]", "US-WEST-2", "us-west-2", (c: any) => (c.regions[1] = "US-WEST-2")],
    ["homeRegion", "Eu-West-1", "eu-west-1", (c: any) => (c.homeRegion = "Eu-West-1")],
    ["stateBackend.region", "EU-WEST-1", "eu-west-1", (c: any) => (c.stateBackend = { type: "s3", bucket: "org-tf-state", region: "EU-WEST-1" })],
    ["auditManager.excludedRegions[0]", "EU-WEST-1", "eu-west-1", (c: any) => (c.auditManager.excludedRegions = ["EU-WEST-1"])],
    ["auditManager.adopt[0]", "Eu-West-1", "eu-west-1", (c: any) => (c.auditManager.adopt = ["Eu-West-1"])],
    [
      "auditManager.kmsKey.keyArns.EU-WEST-1",
      "EU-WEST-1",
      "eu-west-1",
      (c: any) => {
        c.regions = ["eu-west-1", "us-east-1"];
        c.homeRegion = "eu-west-1";
        c.auditManager.kmsKey = { type: "existing", keyArns: { "us-east-1": "arn:aws:kms:us-east-1:111111111111:key/mrk-0123456789abcdef0123456789abcdef", "EU-WEST-1": "arn:aws:kms:eu-west-1:111111111111:key/mrk-0123456789abcdef0123456789abcdef" } };
      },
    ],
  ])("a Region in the wrong case at %s gets a did-you-mean: %s → %s", (path, value, meant, change) => {
    expect(problems(withChange(change))).toContainEqual(expect.stringMatching(new RegExp(`^${escape(`${path}: "${value}" is not `)}[^;]+${escape(`; did you mean "${meant}"?; allowed: `)}`)));
  });
});

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

describe("what Terraform would refuse is refused at load time", () => {
  const s3 = (extra: object) => (c: any) => (c.stateBackend = { type: "s3", bucket: "org-tf-state", region: "us-east-1", ...extra });
  const KEY = "arn:aws:kms:us-east-1:111111111111:key/57ff7a43-341d-46b6-aee3-a450c9de6dc8";

  test.each([
    ["empty", ""],
    ["free text", "my key"],
    ["a key ID without ARN", "57ff7a43-341d-46b6-aee3-a450c9de6dc8"],
    ["an alias ARN", "arn:aws:kms:us-east-1:111111111111:alias/terraform-state"],
    ["a key ID that is not a UUID Terraform accepts", "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab"],
  ])("stateBackend.kmsKeyId: %s is refused", (_, kmsKeyId) => {
    expect(problems(withChange(s3({ kmsKeyId })))).toEqual([expect.stringMatching(/^stateBackend\.kmsKeyId: ".*" is not a KMS key ARN; allowed: /)]);
  });

  test("stateBackend.kmsKeyId: a key in another Region than the bucket, or another partition, is refused", () => {
    expect(problems(withChange(s3({ kmsKeyId: KEY.replace("us-east-1", "eu-west-1") })))).toEqual([
      expect.stringMatching(/^stateBackend\.kmsKeyId: ".*" is a key in eu-west-1, not in the bucket's Region us-east-1 \(stateBackend\.region\); allowed: a key in us-east-1$/),
    ]);
    expect(problems(withChange(s3({ kmsKeyId: KEY.replace("arn:aws:", "arn:aws-cn:") })))).toEqual([expect.stringMatching(/^stateBackend\.kmsKeyId: ".*" is in partition aws-cn, not aws; /)]);
  });

  test("stateBackend.kmsKeyId with encrypt false is refused", () => {
    expect(problems(withChange(s3({ kmsKeyId: KEY, encrypt: false })))).toEqual([expect.stringMatching(/^stateBackend\.kmsKeyId: is set while stateBackend\.encrypt is false/)]);
  });

  test("stateBackend.assumeRoleArn in another partition is refused", () => {
    expect(problems(withChange(s3({ assumeRoleArn: "arn:aws-cn:iam::111111111111:role/State" })))).toEqual([expect.stringMatching(/^stateBackend\.assumeRoleArn: ".*" is in partition aws-cn, not aws; /)]);
  });

  test.each(["/audit", "audit/", "/"])("stateBackend.keyPrefix %j, which Terraform's S3 backend refuses, is refused", (keyPrefix) => {
    expect(problems(withChange(s3({ keyPrefix })))).toEqual([expect.stringMatching(/^stateBackend\.keyPrefix: ".*" is not a key prefix; .*not starting or ending with "\/"$/)]);
  });

  test.each(["prod]", "a\nb", " prod", "[default"])("accounts.management.profile %j, which can never name a profile, is refused", (profile) => {
    expect(problems(withChange((c) => (c.accounts.management.profile = profile)))).toEqual([expect.stringMatching(/^accounts\.management\.profile: .* is not an AWS CLI profile name; /)]);
  });

  test("an absolute stateBackend.directory is written as given; a relative one stays relative to the project root", () => {
    const absolute = synthInput(withChange((c) => (c.stateBackend = { type: "local", directory: "/var/lib/audit-manager/state" })));
    const relative = synthInput(withChange((c) => (c.stateBackend = { type: "local", directory: "team/state" })));
    try {
      expect(absolute.stack("organization").json.terraform.backend.local.path).toBe("/var/lib/audit-manager/state/organization.tfstate");
      expect(relative.stack("organization").json.terraform.backend.local.path).toBe("../../../team/state/organization.tfstate");
    } finally {
      for (const synthesized of [absolute, relative]) rmSync(synthesized.outdir, { recursive: true, force: true });
    }
  });

  test("Terraform's S3 backend accepts the kmsKeyId the loader accepts (terraform init gets past validation to the network)", () => {
    const synthesized = synthInput(withChange(s3({ kmsKeyId: KEY })));
    try {
      const stack = synthesized.stack("organization");
      expect(stack.json.terraform.backend.s3.kms_key_id).toBe(KEY);
      const result = spawnSync("terraform", ["init", "-input=false", "-no-color"], {
        cwd: stack.dir,
        env: { ...process.env, CHECKPOINT_DISABLE: "1", TF_DATA_DIR: join(stack.dir, ".terraform"), AWS_ACCESS_KEY_ID: "AKIAEXAMPLE", AWS_SECRET_ACCESS_KEY: "example", AWS_EC2_METADATA_DISABLED: "true" },
        encoding: "utf8",
        timeout: 60_000,
      });
      const output = `${result.stdout}${result.stderr}`;
      // Without a network the backend fails once it calls AWS: after every argument was validated.
      expect(output).toMatch(/Error: /);
      expect(output).not.toMatch(/Invalid KMS Key|Invalid Value|Invalid ARN/);
    } finally {
      rmSync(synthesized.outdir, { recursive: true, force: true });
    }
  });
});

describe("a misspelt name gets the nearest one", () => {
  test("a misspelt key is one problem, naming the key it is nearest to; the key it was meant to be is not reported missing", () => {
    const found = problems(withChange((c) => {
      c.auditManager.currentDelegatedAdminstrator = c.auditManager.currentDelegatedAdministrator;
      delete c.auditManager.currentDelegatedAdministrator;
    }));
    expect(found).toEqual([expect.stringMatching(/^auditManager\.currentDelegatedAdminstrator: unknown key; did you mean "currentDelegatedAdministrator"\?; allowed keys here: enabled, /)]);
  });

  test("a misspelt required key is one problem too", () => {
    expect(problems(withChange((c) => {
      c.organisationId = c.organizationId;
      delete c.organizationId;
    }))).toEqual([expect.stringMatching(/^organisationId: unknown key; did you mean "organizationId"\?; allowed keys here: /)]);
  });

  test("an unknown key that resembles no allowed key gets no guess", () => {
    expect(problems(withChange((c) => (c.auditManager.colour = "blue")))).toEqual([expect.stringMatching(/^auditManager\.colour: unknown key; allowed keys here: /)]);
  });

  test.each([
    ["regions[1]", "us-est-1", "us-east-1", (c: any) => (c.regions[1] = "us-est-1")],
    ["regions[1]", "eu-wset-1", "eu-west-1", (c: any) => (c.regions[1] = "eu-wset-1")],
    ["stateBackend.region", "euwest-1", "eu-west-1", (c: any) => (c.stateBackend = { type: "s3", bucket: "org-tf-state", region: "euwest-1" })],
  ])("an unknown Region at %s, %s, gets the nearest: %s", (path, value, meant, change) => {
    expect(problems(withChange(change))).toContainEqual(expect.stringMatching(new RegExp(`^${escape(`${path}: "${value}" is not `)}[^;]+${escape(`; did you mean "${meant}"?; allowed: `)}`)));
  });

  test("a Region that exists but is not allowed there gets no guess", () => {
    expect(problems(withChange((c) => (c.homeRegion = "us-east-2")))).toContainEqual(expect.stringMatching(/^homeRegion: "us-east-2" is not in regions; allowed: /));
  });
});
