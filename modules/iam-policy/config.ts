import { z } from "zod";
import type { ConfigCheck } from "../kit/checks";
import { oneOf, show, strictObject, uniqueList } from "../kit/fields";
import { IAM_PATH, IAM_POLICY_OR_GROUP_NAME, IAM_ROLE_OR_USER_NAME, wholeValue } from "../kit/rules";
import { POLICY_DOCUMENTS } from "./policy-document";

/** The two accounts the policy can live in, as named under `accounts` in the configuration. */
export const POLICY_ACCOUNTS = ["management", "delegatedAdministrator"] as const;
export type PolicyAccount = (typeof POLICY_ACCOUNTS)[number];

/** The customer managed policy this project creates, and the AWS managed alternative. */
export const CUSTOMER_MANAGED = "customerManaged";
export const AWS_MANAGED = "AWSAuditManagerAdministratorAccess";
const POLICY_CHOICES = [CUSTOMER_MANAGED, AWS_MANAGED] as const;

/**
 * Limits from the IAM API reference (CreatePolicy, AttachRolePolicy, AttachGroupPolicy,
 * CreateUser) and the IAM User Guide, "IAM and AWS STS quotas" (IAM name quotas): names are
 * letters, digits and +=,.@_- ; policy and group names up to 128 characters, role and user names
 * up to 64.
 */

/** Role and user names are shorter than policy and group names. */
const IAM_ROLE_OR_USER_NAME_MAX = 64;

function iamName(what: string, max: number) {
  return z
    .string({ error: (i) => `${show(i.input)} is not a string; expected an IAM ${what}` })
    .min(1, { error: `must not be empty; expected an IAM ${what}`, abort: true })
    .max(max, { error: (i) => `${show(i.input)} is longer than ${max} characters; allowed: IAM ${what}s of 1 to ${max} characters`, abort: true })
    // The shared rule (rules.ts) also bounds the length; the checks above name the limit first and stop there.
    .regex(wholeValue(max > IAM_ROLE_OR_USER_NAME_MAX ? IAM_POLICY_OR_GROUP_NAME : IAM_ROLE_OR_USER_NAME), { error: (i) => `${show(i.input)} is not an IAM ${what}; allowed: letters, digits and +=,.@_- (no spaces, paths or ARNs)` });
}

/**
 * A list of IAM identity names. IAM names are unique regardless of case ("Names are not
 * distinguished by case", CreatePolicy / CreateRole API reference), so "Auditors" and
 * "auditors" are one identity; listing it twice would make two attachments of which destroying
 * either detaches the policy.
 */
function identityNames(what: string, max: number, description: string) {
  return z
    .array(iamName(what, max), { error: (i) => `${show(i.input)} is not a list; expected IAM ${what}s of existing identities` })
    .superRefine((names, ctx) => {
      const seen = names.map((name) => name.toLowerCase());
      seen.forEach((name, index) => {
        if (seen.indexOf(name) !== index) {
          ctx.addIssue({ code: "custom", path: [index], input: names[index], message: `${show(names[index])} is listed twice (IAM names ignore case); allowed: each ${what} once` });
        }
      });
    })
    .default([])
    .describe(description);
}

const identities = strictObject(
  {
    roles: identityNames("role name", 64, "Existing IAM roles in this account to attach the chosen policies to."),
    groups: identityNames("group name", 128, "Existing IAM groups in this account to attach the chosen policies to."),
    users: identityNames("user name", 64, "Existing IAM users in this account to attach the chosen policies to."),
  },
  "IAM identities in one account that get the chosen policies. They must already exist; this project attaches, it never creates or deletes them.",
);

/** The customer managed policy's defaults, in the configuration and as the iam-policy module's variable defaults. */
export const IAM_POLICY_DEFAULTS = {
  document: "documented",
  name: "AuditManagerAccess",
  path: "/",
  description: "Lets an identity set up and use AWS Audit Manager (Audit Manager user guide, Setting up, step 2).",
} as const;

/** Configuration of the IAM policy for people who use Audit Manager. */
export const iamPolicySection = strictObject(
  {
    enabled: z.boolean().default(true).describe("Whether this project manages the IAM policy for people who use Audit Manager."),
    accounts: uniqueList(
      oneOf(POLICY_ACCOUNTS, "An account to act in."),
      "Where the policy is created and attached: the management account (enables Audit Manager, designates the delegated administrator), the delegated administrator (runs assessments), or both.",
    )
      .min(1, { error: `is empty; allowed: "management", "delegatedAdministrator" or both; to manage no IAM policy set iamPolicy.enabled to false` })
      .default([...POLICY_ACCOUNTS]),
    policies: uniqueList(
      oneOf(POLICY_CHOICES, "A policy to create or attach."),
      `${CUSTOMER_MANAGED}: create the policy of the Audit Manager setup guide in each account; ${AWS_MANAGED}: attach the AWS managed policy (broader, maintained by AWS). Either or both.`,
    )
      .min(1, { error: `is empty; allowed: "${CUSTOMER_MANAGED}", "${AWS_MANAGED}" or both; to manage no IAM policy set iamPolicy.enabled to false` })
      .default([CUSTOMER_MANAGED]),
    document: oneOf(POLICY_DOCUMENTS, "documented: the setup guide's policy exactly; corrected: its kms:ListAliases statement without the condition that makes it grant nothing, and events:source and events:detail-type tested as the multivalued keys they are.").default(IAM_POLICY_DEFAULTS.document),
    name: iamName("policy name", 128).default(IAM_POLICY_DEFAULTS.name).describe("Name of the customer managed policy in each account (CreatePolicy: 1 to 128 of letters, digits and +=,.@_-). Changing it replaces the policy."),
    path: z
      .string({ error: (i) => `${show(i.input)} is not a string; expected an IAM path` })
      .max(512, { error: (i) => `${show(i.input)} is longer than 512 characters; allowed: IAM paths up to 512 characters`, abort: true })
      // CreatePolicy, Path: "/" alone, or beginning and ending with "/", ASCII "!" through "~", no "*".
      .regex(wholeValue(IAM_PATH), { error: (i) => `${show(i.input)} is not an IAM path; allowed: "/" or a path that starts and ends with "/" (e.g. "/audit/"), of printable ASCII without spaces or "*"` })
      .default(IAM_POLICY_DEFAULTS.path)
      .describe("IAM path of the customer managed policy. Changing it replaces the policy."),
    description: z
      .string({ error: (i) => `${show(i.input)} is not a string; expected a policy description` })
      .max(1000, { error: (i) => `${show(i.input)} is longer than 1000 characters; allowed: descriptions up to 1000 characters` })
      // CreatePolicy, Description: tab, line feed, carriage return and U+0020 to U+00FF.
      .regex(/^[\t\n\r\x20-\xFF]*$/, { error: (i) => `${show(i.input)} has characters IAM refuses in a policy description; allowed: printable Latin-1 characters, tabs and line breaks` })
      .default(IAM_POLICY_DEFAULTS.description)
      .describe("Description of the customer managed policy. IAM cannot change a description, so changing it replaces the policy."),
    attachTo: strictObject(
      {
        management: identities.default({ roles: [], groups: [], users: [] }),
        delegatedAdministrator: identities.default({ roles: [], groups: [], users: [] }),
      },
      "Per account, the existing IAM roles, groups and users that get the chosen policies.",
    ).default({ management: { roles: [], groups: [], users: [] }, delegatedAdministrator: { roles: [], groups: [], users: [] } }),
  },
  "the IAM policy for people who use Audit Manager.",
).default({
  enabled: true,
  accounts: [...POLICY_ACCOUNTS],
  policies: [CUSTOMER_MANAGED],
  ...IAM_POLICY_DEFAULTS,
  attachTo: { management: { roles: [], groups: [], users: [] }, delegatedAdministrator: { roles: [], groups: [], users: [] } },
});

export type IamPolicySettings = z.output<typeof iamPolicySection>;

const countIdentities = (list: { roles: string[]; groups: string[]; users: string[] }) => list.roles.length + list.groups.length + list.users.length;

export const iamPolicyChecks: ConfigCheck<IamPolicySettings>[] = [
  {
    reads: ["iamPolicy.enabled", "iamPolicy.accounts", "iamPolicy.attachTo"],
    run: (settings, _shared, report) => {
      if (!settings.enabled) return;
      for (const account of POLICY_ACCOUNTS) {
        if (settings.accounts.includes(account) || countIdentities(settings.attachTo[account]) === 0) continue;
        report(
          ["iamPolicy", "attachTo", account],
          `${show(settings.attachTo[account])} lists identities in the ${account} account, where iamPolicy.accounts does not put the policy; allowed: add "${account}" to iamPolicy.accounts, or remove these identities`,
        );
      }
    },
  },
  {
    // The AWS managed policy already exists in every account; chosen alone, it only has an effect
    // where it is attached, so an account without identities would get nothing at all.
    reads: ["iamPolicy.enabled", "iamPolicy.accounts", "iamPolicy.policies", "iamPolicy.attachTo"],
    run: (settings, _shared, report) => {
      if (!settings.enabled || settings.policies.includes(CUSTOMER_MANAGED)) return;
      for (const account of settings.accounts) {
        if (countIdentities(settings.attachTo[account]) > 0) continue;
        report(
          ["iamPolicy", "attachTo", account],
          `lists no roles, groups or users, so ${AWS_MANAGED} alone would change nothing in the ${account} account; allowed: identities to attach it to, "${CUSTOMER_MANAGED}" in iamPolicy.policies, or "${account}" removed from iamPolicy.accounts`,
        );
      }
    },
  },
];
