import { IamGroupPolicyAttachment } from "@cdktf/provider-aws/lib/iam-group-policy-attachment";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { IamUserPolicyAttachment } from "@cdktf/provider-aws/lib/iam-user-policy-attachment";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Fn, TerraformIterator, type TerraformResource } from "cdktf";
import { Construct } from "constructs";
import type { Partition } from "../kit/regions";
import { AWS_MANAGED, CUSTOMER_MANAGED, type PolicyAccount } from "./config";
import type { AuditManagerKeyAccess } from "../kit/audit-manager-key-use";
import { auditManagerPolicyDocument, type PolicyDocumentVariant } from "./policy-document";

export interface AuditManagerIamPolicyProps {
  /** The accounts the policies go to. */
  readonly accounts: readonly PolicyAccount[];
  /** The setup guide's customer managed policy, the AWS managed policy, or both. */
  readonly policies: readonly PolicyAttachment["policy"][];
  /** documented: the setup guide's policy exactly; corrected: its flaws fixed (policy-document.ts). */
  readonly document: PolicyDocumentVariant;
  /** The customer managed policy's name, IAM path and description in each account. */
  readonly name: string;
  readonly path: string;
  readonly description: string;
  /** Per account, the existing roles, groups and users that get the policies. */
  readonly attachTo: Readonly<Record<PolicyAccount, PolicyIdentities>>;
  readonly partition: Partition;
  /** The provider of each account the policy may go to; IAM is global, so any Region's provider works. */
  readonly providers: Readonly<Record<PolicyAccount, AwsProvider>>;
  /** Audit Manager's customer managed keys, when it has them: the policy lets its identities use them through Audit Manager. */
  readonly auditManagerKeys?: AuditManagerKeyAccess;
  /**
   * The buckets and key prefix assessment reports are published to, when assessments exist. Audit
   * Manager publishes a report with the credentials of whoever generates it (user guide,
   * "Configuring your default assessment report destination": the publishing principal is "the user
   * or role that owns the assessment and creates the assessment report"), and the setup guide's
   * policy grants no S3 action, so the delegated administrator's identities get a second policy.
   */
  readonly assessmentReports?: { readonly bucketNames: readonly string[]; readonly keyPrefix: string };
}

/** The policy that lets the delegated administrator's identities publish assessment reports. */
export const ASSESSMENT_REPORTS = "assessmentReports";

/**
 * The S3 actions of the user guide's example policy for a report destination ("Configuring your
 * default assessment report destination": s3:ListBucket, s3:PutObject, s3:GetObject,
 * s3:GetBucketLocation, s3:PutObjectAcl, s3:DeleteObject), on the report buckets and their
 * prefix. s3:PutObjectAcl is left out: the buckets enforce bucket ownership, which disables ACLs.
 */
export function assessmentReportsPolicyDocument(partition: string, bucketNames: readonly string[], keyPrefix: string): object {
  const buckets = bucketNames.map((name) => `arn:${partition}:s3:::${name}`);
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "FindReportBuckets", Effect: "Allow", Action: ["s3:ListBucket", "s3:GetBucketLocation"], Resource: buckets },
      { Sid: "PublishAssessmentReports", Effect: "Allow", Action: ["s3:PutObject", "s3:GetObject", "s3:DeleteObject"], Resource: buckets.map((bucket) => `${bucket}/${keyPrefix}/*`) },
    ],
  };
}

/** Terraform names per account, so plans read `aws_iam_policy.audit_manager_delegated_admin`. */
export const ADDRESS_SUFFIX: Record<PolicyAccount, string> = { management: "management", delegatedAdministrator: "delegated_admin" };

/** One attachment resource: a policy attached, per name (for_each), to the roles, groups or users of one account. */
/** Existing IAM identities of one account, by name. */
export interface PolicyIdentities {
  readonly roles: readonly string[];
  readonly groups: readonly string[];
  readonly users: readonly string[];
}

export interface PolicyAttachment {
  readonly account: PolicyAccount;
  readonly policy: typeof CUSTOMER_MANAGED | typeof AWS_MANAGED;
  readonly identities: "roles" | "groups" | "users";
  readonly resource: TerraformResource;
}

/**
 * The IAM policy for people who use Audit Manager ("Setting up AWS Audit Manager", https://docs.aws.amazon.com/audit-manager/latest/userguide/setting-up.html, step 2), created in the chosen
 * accounts and attached to the roles, groups and users named for each; optionally, or instead,
 * the AWS managed AWSAuditManagerAdministratorAccess.
 *
 * Attachments use the per-identity resources (aws_iam_role/group/user_policy_attachment), never
 * aws_iam_policy_attachment: that one owns every attachment of a policy exclusively and would
 * detach AWSAuditManagerAdministratorAccess from identities this project does not manage.
 * Each resource iterates over names (for_each), so the plan shows one instance per identity,
 * keyed by its name, and removing one name never touches the others.
 */
export class AuditManagerIamPolicy extends Construct {
  /** The customer managed policy per account where it is created. */
  readonly policies: Partial<Record<PolicyAccount, IamPolicy>> = {};
  /** The attachments of the two configurable policy choices (the plain module decides at plan time which exist). */
  readonly attachments: PolicyAttachment[] = [];

  constructor(scope: Construct, id: string, props: AuditManagerIamPolicyProps) {
    super(scope, id);
    const { partition } = props;
    for (const account of props.accounts) {
      const provider = props.providers[account];
      const suffix = ADDRESS_SUFFIX[account];
      if (props.policies.includes(CUSTOMER_MANAGED)) {
        const policy = new IamPolicy(this, `${account}-policy`, {
          provider,
          name: props.name,
          path: props.path,
          description: props.description,
          // jsonencode() in the plan: reviewers read statements, and Terraform renders the JSON.
          policy: Fn.jsonencode(auditManagerPolicyDocument(partition, props.document, props.auditManagerKeys)),
        });
        policy.overrideLogicalId(`audit_manager_${suffix}`);
        this.policies[account] = policy;
        this.attach(account, CUSTOMER_MANAGED, provider, policy.arn, `audit_manager_${suffix}`, props);
      }
      if (props.policies.includes(AWS_MANAGED)) {
        this.attach(account, AWS_MANAGED, provider, `arn:${partition}:iam::aws:policy/${AWS_MANAGED}`, `administrator_access_${suffix}`, props);
      }
      if (account === "delegatedAdministrator" && props.assessmentReports?.bucketNames.length) {
        const reports = new IamPolicy(this, "assessment-reports-policy", {
          provider,
          name: `${props.name}AssessmentReports`,
          path: props.path,
          description: "Lets an identity publish Audit Manager assessment reports to this project's report buckets.",
          policy: Fn.jsonencode(assessmentReportsPolicyDocument(partition, props.assessmentReports.bucketNames, props.assessmentReports.keyPrefix)),
        });
        reports.overrideLogicalId(`audit_manager_assessment_reports_${suffix}`);
        this.attach(account, ASSESSMENT_REPORTS, provider, reports.arn, `audit_manager_assessment_reports_${suffix}`, props);
      }
    }
  }

  private attach(account: PolicyAccount, policy: PolicyAttachment["policy"] | typeof ASSESSMENT_REPORTS, provider: AwsProvider, policyArn: string, address: string, props: AuditManagerIamPolicyProps) {
    const { roles, groups, users } = props.attachTo[account];
    const forEach = (names: readonly string[]) => TerraformIterator.fromList([...names]);
    const named = (identities: PolicyAttachment["identities"], resource: TerraformResource) => {
      resource.overrideLogicalId(address);
      if (policy !== ASSESSMENT_REPORTS) this.attachments.push({ account, policy, identities, resource });
    };
    if (roles.length) {
      const each = forEach(roles);
      named("roles", new IamRolePolicyAttachment(this, `${address}-roles`, { provider, forEach: each, role: each.value, policyArn }));
    }
    if (groups.length) {
      const each = forEach(groups);
      named("groups", new IamGroupPolicyAttachment(this, `${address}-groups`, { provider, forEach: each, group: each.value, policyArn }));
    }
    if (users.length) {
      const each = forEach(users);
      named("users", new IamUserPolicyAttachment(this, `${address}-users`, { provider, forEach: each, user: each.value, policyArn }));
    }
  }
}
