/**
 * The string rules of this project, each defined once: the configuration file's fields
 * (fields.ts `following`) and the plain Terraform modules' variables
 * (module-generator/module-stack.ts `ruleValidation`) are both built from these, so a value gets
 * the same verdict on both sides (__tests__/rules.test.ts feeds the same values to zod and to
 * Terraform).
 *
 * Every pattern is written for RE2, the engine of Terraform's `regex()` (Terraform docs, "regex
 * Function": "uses the re2 regular expression language"; https://github.com/google/re2/wiki/Syntax):
 * no lookaround and no backreferences, and only classes both engines read alike (`\d`, `\w` are
 * ASCII in both; no `.`, no Unicode flags). A rule that one such pattern cannot state (not an IP
 * address, reserved prefixes and suffixes) adds `refused` patterns: a value matching any of them
 * is refused. Both sides evaluate the same list, so the verdicts cannot drift apart.
 *
 * This file imports nothing, so the tools and the kit layer can load it without zod or cdktf.
 */

export interface StringRule {
  /** What a valid value is, completing "<value> is not …", e.g. "an S3 bucket name". */
  readonly what: string;
  /** What is allowed, completing "allowed: …"; it states every condition below in words. */
  readonly allowed: string;
  /** RE2-safe pattern the whole value must match (the anchors are added where it is used). */
  readonly pattern: RegExp;
  /** RE2-safe patterns a value must not contain a match of (anchor them to test a prefix or suffix). */
  readonly refused?: readonly RegExp[];
}

/** The pattern anchored to the whole value; alternatives are grouped (non-capturing, so the rule's own groups stay numbered from 1). */
export function wholeValue(rule: StringRule): RegExp {
  const source = rule.pattern.source;
  return new RegExp(source.includes("|") ? `^(?:${source})$` : `^${source}$`);
}

/** Whether `value` follows `rule`: it matches the pattern and none of the refused patterns. */
export function follows(rule: StringRule, value: string): boolean {
  return wholeValue(rule).test(value) && !(rule.refused ?? []).some((refused) => refused.test(value));
}

/** The rule's one-line statement: "<what>; allowed: <allowed>". */
export function ruleText(rule: StringRule): string {
  return `${rule.what}; allowed: ${rule.allowed}`;
}

// AWS Organizations IDs (Organizations API reference, Organization.Id, Root.Id, OrganizationalUnit.Id, Account.Id:
// https://docs.aws.amazon.com/organizations/latest/APIReference/API_OrganizationalUnit.html).
const ACCOUNT = /\d{12}/;
const ROOT = /r-[0-9a-z]{4,32}/;
const OU = /ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}/;
const either = (...patterns: RegExp[]) => new RegExp(patterns.map((pattern) => pattern.source).join("|"));
const ACCOUNT_TEXT = '12 digits as a string, e.g. "123456789012"';
const OU_TEXT = '"ou-" followed by the root\'s 4 to 32 characters, "-" and 8 to 32 letters or digits';

export const ACCOUNT_ID: StringRule = { what: "an AWS account ID", allowed: ACCOUNT_TEXT, pattern: ACCOUNT };

export const ORGANIZATION_ID: StringRule = {
  what: "an AWS Organizations ID",
  allowed: '"o-" followed by 10 to 32 lowercase letters or digits',
  pattern: /o-[a-z0-9]{10,32}/,
};

export const OU_ID: StringRule = { what: "an OU ID", allowed: OU_TEXT, pattern: OU };

/** Where an assessment's accounts come from: accounts and the ACTIVE descendants of OUs. */
export const ACCOUNT_OR_OU_ID: StringRule = { what: "an account ID or OU ID", allowed: `12 digits as a string (e.g. "123456789012") or an OU ID (${OU_TEXT})`, pattern: either(ACCOUNT, OU) };

/** StackSet deployment targets: the organization root or OUs (CloudFormation API reference, DeploymentTargets.OrganizationalUnitIds). */
export const ROOT_OR_OU_ID: StringRule = { what: "an organization root or OU ID", allowed: '"r-…" (root) or "ou-…-…" (organizational unit)', pattern: either(ROOT, OU) };

/** Security Hub CSPM configuration policy targets (StartConfigurationPolicyAssociation, TargetId). */
export const ROOT_OU_OR_ACCOUNT_ID: StringRule = {
  what: "an organization root, OU or account ID",
  allowed: '"r-…" (root), "ou-…-…" (organizational unit) or a 12-digit account ID',
  pattern: either(ROOT, OU, ACCOUNT),
};

/** Region names such as us-east-1 or us-gov-west-1; the configuration file also checks them against the partition's list (regions.ts). */
export const REGION_NAME: StringRule = { what: "a Region name", allowed: 'lowercase words and a number joined by "-", e.g. "us-east-1"', pattern: /[a-z]{2}(-[a-z]+)+-\d/ };

/**
 * General purpose bucket names (Amazon S3 user guide, "General purpose bucket naming rules",
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html): 3 to 63
 * lowercase letters, digits, dots and hyphens, beginning and ending with a letter or digit; no two
 * adjacent periods; not formatted as an IP address; not starting with xn--, sthree- or
 * amzn-s3-demo-; not ending with -s3alias, --ol-s3, .mrap, --x-s3 or --table-s3.
 */
const BUCKET = /[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]/.source;
const RESERVED_BUCKET_PREFIXES = /(xn--|sthree-|amzn-s3-demo-)/.source;
const RESERVED_BUCKET_SUFFIXES = /(-s3alias|--ol-s3|\.mrap|--x-s3|--table-s3)/.source;
const IP_ADDRESS = /\d+\.\d+\.\d+\.\d+/.source;
const BUCKET_TEXT =
  '3 to 63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit, no "..", not an IP address, not starting with "xn--", "sthree-" or "amzn-s3-demo-", not ending with "-s3alias", "--ol-s3", ".mrap", "--x-s3" or "--table-s3"';
export const BUCKET_NAME: StringRule = {
  what: "an S3 bucket name",
  allowed: BUCKET_TEXT,
  pattern: new RegExp(BUCKET),
  refused: [/\.\./, new RegExp(`^${RESERVED_BUCKET_PREFIXES}`), new RegExp(`^${IP_ADDRESS}$`), new RegExp(`${RESERVED_BUCKET_SUFFIXES}$`)],
};

/** "s3://<bucket>" or "s3://<bucket>/<prefix>": the bucket name's rules apply to the part before the first "/" after "s3://". */
export const S3_URI: StringRule = {
  what: "an S3 URI",
  allowed: `"s3://<bucket>" or "s3://<bucket>/<prefix>", where <bucket> is ${BUCKET_TEXT}`,
  pattern: new RegExp(`s3://(${BUCKET})(/[\\w!.*'()/-]*)?`),
  refused: [/^s3:\/\/[^/]*\.\./, new RegExp(`^s3://${RESERVED_BUCKET_PREFIXES}`), new RegExp(`^s3://${IP_ADDRESS}(/|$)`), new RegExp(`^s3://[^/]*${RESERVED_BUCKET_SUFFIXES}(/|$)`)],
};

/**
 * The start of a bucket name this project completes with "-<region>": the longest Audit Manager
 * Region name has 14 characters, so 48 at most; the suffix rules then apply to the Region, not the prefix.
 */
export const BUCKET_NAME_PREFIX: StringRule = {
  what: "a bucket name prefix",
  allowed: '3 to 48 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit, no "..", not starting with "xn--", "sthree-" or "amzn-s3-demo-" (the bucket is "<prefix>-<region>")',
  pattern: /[a-z0-9][a-z0-9.-]{1,46}[a-z0-9]/,
  refused: [/\.\./, new RegExp(`^${RESERVED_BUCKET_PREFIXES}`)],
};

/** Object key characters safe everywhere (Amazon S3 user guide, "Naming Amazon S3 objects", safe characters). */
const KEY_CHARACTER = /[\w!.*'()-]/.source;

/** A folder of keys: safe characters in segments separated by "/", none empty. */
export const KEY_PREFIX: StringRule = {
  what: "an S3 key prefix",
  allowed: 'letters, digits and !-_.*\'() in segments separated by "/", without leading or trailing "/"',
  pattern: new RegExp(`${KEY_CHARACTER}+(/${KEY_CHARACTER}+)*`),
};

/** The prefix of server access log objects: any safe characters and "/", usually ending in "/" (S3 user guide, "Logging requests with server access logging"). */
export const LOG_KEY_PREFIX: StringRule = { what: "an S3 key prefix", allowed: "letters, digits and !-_.*'()/", pattern: /[\w!.*'()/-]*/ };

/** The state backend's workspace key prefix: up to 900 safe characters and "/", not starting or ending with "/". */
export const STATE_KEY_PREFIX: StringRule = {
  what: "a key prefix",
  allowed: 'up to 900 letters, digits and !-_.*\'()/, not starting or ending with "/"',
  pattern: new RegExp(`(${KEY_CHARACTER}([\\w!.*'()/-]{0,898}${KEY_CHARACTER})?)?`),
};

/** A KMS key ARN (AWS KMS developer guide, "Key identifiers (KeyId)"); groups 1 to 3 are partition, Region and account. */
export const KMS_KEY_ARN: StringRule = {
  what: "a KMS key ARN",
  allowed: '"arn:<partition>:kms:<region>:<12-digit account>:key/<key ID>" (not an alias ARN)',
  pattern: /arn:([a-z-]+):kms:([a-z0-9-]+):(\d{12}):key\/(mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/,
};

/**
 * What Terraform's S3 backend accepts as kms_key_id in the form every Terraform this project
 * supports (1.10 and later) accepts: a key ARN whose key ID is a UUID (version 1 to 5, as the
 * backend's validateKMSKey checks) or a multi-Region key ID. Key IDs alone and aliases are left
 * out: 1.10 refuses alias ARNs, and an ARN names the account, so a key is never looked up in the
 * wrong one.
 * Groups 1 and 2 are partition and Region.
 */
export const STATE_KMS_KEY_ARN: StringRule = {
  what: "a KMS key ARN",
  allowed: '"arn:<partition>:kms:<bucket Region>:<account>:key/<key ID>", the key ID a UUID or a multi-Region "mrk-" ID',
  pattern: /arn:(aws|aws-cn|aws-us-gov):kms:([a-z0-9-]+):\d{12}:key\/([a-f0-9]{8}-[a-f0-9]{4}-[1-5][a-f0-9]{3}-[ab89][a-f0-9]{3}-[a-f0-9]{12}|mrk-[a-f0-9]{32})/,
};

/** KMS CreateAlias, AliasName: "alias/" then letters, digits, "/", "_" and "-"; "alias/aws/" is reserved for AWS managed keys. */
export const KMS_ALIAS: StringRule = {
  what: "a KMS alias name",
  allowed: '"alias/" followed by letters, digits, "/", "_" and "-", not starting with "alias/aws/" (reserved by AWS)',
  pattern: /alias\/[a-zA-Z0-9/_-]{1,250}/,
  refused: [/^alias\/aws\//],
};

/** An IAM role ARN in any partition (IAM user guide, "IAM identifiers"). */
export const ROLE_ARN: StringRule = {
  what: "an IAM role ARN",
  allowed: '"arn:<partition>:iam::<12-digit account>:role/<path/name>"',
  pattern: /arn:aws(-cn|-us-gov)?:iam::\d{12}:role\/[\w+=,.@/-]{1,512}/,
};

/** SNS topic ARNs (Amazon SNS API reference, CreateTopic: names up to 256 letters, digits, "-" and "_", ".fifo" for FIFO topics). */
export const SNS_TOPIC_ARN: StringRule = {
  what: "an SNS topic ARN",
  allowed: '"arn:<partition>:sns:<region>:<12-digit account>:<topic name>"',
  pattern: /arn:([a-z-]+):sns:([a-z0-9-]+):(\d{12}):[\w-]{1,256}(\.fifo)?/,
};

/** Service principals look like ram.amazonaws.com (.amazonaws.com.cn for a few services in China). */
export const SERVICE_PRINCIPAL: StringRule = {
  what: "a service principal",
  allowed: 'a name like "ram.amazonaws.com", as listed by `aws organizations list-aws-service-access-for-organization`',
  pattern: /[a-z0-9][a-z0-9.-]*\.amazonaws\.com(\.cn)?/,
};

/** Security control IDs as Security Hub CSPM names them with consolidated control findings, e.g. IAM.1, EC2.10. */
export const SECURITY_CONTROL_ID: StringRule = { what: "a Security Hub CSPM control ID", allowed: '"<service>.<number>", e.g. "IAM.1"', pattern: /[A-Za-z0-9]+\.\d+/ };

/** ConfigurationAggregatorName: 1 to 256 of letters, digits, "_" and "-" (Config API reference, PutConfigurationAggregator). */
export const AGGREGATOR_NAME: StringRule = { what: "an AWS Config aggregator name", allowed: '1 to 256 letters, digits, "_" and "-" (PutConfigurationAggregator)', pattern: /[\w-]{1,256}/ };

/**
 * This project's key for an assessment: it names the assessments in AWS (with a shard number when
 * there are several) and their Terraform resource, so it starts with a letter and leaves room for "-<shard>".
 */
export const ASSESSMENT_NAME: StringRule = {
  what: "an assessment name",
  allowed: "1 to 64 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen",
  pattern: /[a-z]([a-z0-9-]{0,62}[a-z0-9])?/,
};

/**
 * IAM names (IAM API reference, CreatePolicy, CreateRole, CreateUser, CreateGroup; IAM user guide,
 * "IAM and AWS STS quotas"): letters, digits and +=,.@_-; policy and group names up to 128
 * characters, role and user names up to 64.
 */
export const IAM_POLICY_OR_GROUP_NAME: StringRule = { what: "an IAM name", allowed: "1 to 128 letters, digits and +=,.@_- (no spaces, paths or ARNs)", pattern: /[\w+=,.@-]{1,128}/ };
export const IAM_ROLE_OR_USER_NAME: StringRule = { what: "an IAM role or user name", allowed: "1 to 64 letters, digits and +=,.@_- (no spaces, paths or ARNs)", pattern: /[\w+=,.@-]{1,64}/ };

/** CreatePolicy, Path: "/" alone, or beginning and ending with "/", ASCII "!" through "~" without "*", up to 512 characters. */
export const IAM_PATH: StringRule = {
  what: "an IAM path",
  allowed: '"/" or a path of up to 512 characters that starts and ends with "/" (e.g. "/audit/"), of printable ASCII without spaces or "*"',
  pattern: /\/|\/[\x21-\x29\x2B-\x7E]{1,510}\//,
};

/** Every shared rule by name, for the tests that hold both sides to the same verdicts. */
export const STRING_RULES = {
  ACCOUNT_ID,
  ORGANIZATION_ID,
  OU_ID,
  ACCOUNT_OR_OU_ID,
  ROOT_OR_OU_ID,
  ROOT_OU_OR_ACCOUNT_ID,
  REGION_NAME,
  BUCKET_NAME,
  BUCKET_NAME_PREFIX,
  S3_URI,
  KEY_PREFIX,
  LOG_KEY_PREFIX,
  STATE_KEY_PREFIX,
  KMS_KEY_ARN,
  STATE_KMS_KEY_ARN,
  KMS_ALIAS,
  ROLE_ARN,
  SNS_TOPIC_ARN,
  SERVICE_PRINCIPAL,
  SECURITY_CONTROL_ID,
  AGGREGATOR_NAME,
  ASSESSMENT_NAME,
  IAM_POLICY_OR_GROUP_NAME,
  IAM_ROLE_OR_USER_NAME,
  IAM_PATH,
} as const;
