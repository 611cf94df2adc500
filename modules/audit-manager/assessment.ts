/**
 * One configured assessment in one Region: `shards` Audit Manager assessments in the delegated
 * administrator account, each scoped to the accounts that rendezvous hashing (sharding.ts) deals
 * it, at most 200 each.
 *
 * The accounts are known only at plan time (an account that joins appears in the next plan), so
 * filtering and dealing happen in Terraform expressions. The shard numbers are known at synthesis
 * (or, in the plain module, from a variable), so they key the resource's for_each: the address of
 * an assessment never depends on the accounts, and raising `shards` only adds addresses.
 */
import { AuditmanagerAssessment } from "@cdktf/provider-aws/lib/auditmanager-assessment";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformElement, TerraformLocal, type ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { MAX_ACCOUNTS_PER_ASSESSMENT } from "./assessments-config";
import { shardingExpressions } from "./sharding";

/** An account is in scope only when ACTIVE. Organizations reports `State` and, until 9 September 2026, `Status` (API reference, Account); hashicorp/aws 5.x reads only `status`, 6.x also `state`. */
export const isActive = (account: string) => `coalesce(try(${account}.state, ""), try(${account}.status, ""), "UNKNOWN") == "ACTIVE"`;

/** The account lists of Terraform data sources, as HCL. */
export interface AccountSources {
  /** `accounts` of aws_organizations_organization (every account, with its state). */
  readonly organizationAccounts: string;
}

export interface AssessmentProps {
  /** Terraform name of the resource and its locals; unique in the stack. */
  readonly resourceName: string;
  /** HCL of the assessment name (a quoted literal, or `var.name` in the module). */
  readonly name: string;
  readonly description?: string;
  readonly frameworkId: string;
  /** Role ARNs, or the HCL of a list of them (the module's variable). */
  readonly processOwnerRoleArns: readonly string[] | string;
  /** HCL of the shard count (a literal, or `var.shards`). */
  readonly shards: string;
  /** HCL of the ACTIVE account IDs in scope, a list of strings. */
  readonly accountIds: string;
  readonly sources: AccountSources;
  /** HCL of account IDs named one by one, each of which must be a member (empty: none named). */
  readonly listedAccountIds: string;
  /** "s3://bucket/prefix". */
  readonly reportsDestination: string;
  readonly preventDestroy: boolean;
  /** The configuration fields (or module variables) the plan's errors name: the shard count to raise, the account list to fix. */
  readonly fields: { readonly shards: string; readonly accounts: string };
  readonly region: string;
  /** Existing assessments by shard number ("1", "2", …), imported instead of created. */
  readonly adopt?: Readonly<Record<string, string>>;
  readonly dependsOn?: ITerraformDependable[];
  /** The delegated administrator's provider: assessments belong to the delegated administrator ("Setting up AWS Audit Manager", "Warning"). */
  readonly provider: AwsProvider;
}

export class Assessment extends Construct {
  readonly resource: AuditmanagerAssessment;
  /** Shard number → { name, accounts }. */
  readonly shards: TerraformLocal;
  /** Account ID → shard number. */
  readonly shardOf: TerraformLocal;

  constructor(scope: Construct, id: string, props: AssessmentProps) {
    super(scope, id);
    const { resourceName, shards } = props;
    const expressions = shardingExpressions(props.accountIds, shards, `local.${resourceName}_account_scores`);
    const scores = new TerraformLocal(this, "scores", `\${${expressions.scores}}`);
    scores.overrideLogicalId(`${resourceName}_account_scores`);
    this.shardOf = new TerraformLocal(this, "shard_of", `\${${expressions.shardOf}}`);
    this.shardOf.overrideLogicalId(`${resourceName}_shard_of`);
    const shardName = shardNameExpression(props.name, shards);
    this.shards = new TerraformLocal(
      this,
      "shards",
      `\${{ for s in range(1, ${shards} + 1) : tostring(s) => { name = ${shardName}, accounts = sort([for account, shard in local.${resourceName}_shard_of : account if shard == s]) } }}`,
    );
    this.shards.overrideLogicalId(`${resourceName}_shards`);

    this.resource = new AuditmanagerAssessment(this, "assessment", {
      provider: props.provider,
      name: "${each.value.name}",
      description: props.description,
      frameworkId: props.frameworkId,
      roles: typeof props.processOwnerRoleArns === "string" ? undefined : props.processOwnerRoleArns.map((roleArn) => ({ roleArn, roleType: "PROCESS_OWNER" })),
      assessmentReportsDestination: [{ destination: props.reportsDestination, destinationType: "S3" }],
      // Filled below with a dynamic block; named here so the binding marks scope as a block for the HCL rendering.
      scope: [{}],
      dependsOn: props.dependsOn,
      lifecycle: {
        preventDestroy: props.preventDestroy,
        precondition: preconditions(props),
      },
    });
    this.resource.overrideLogicalId(resourceName);
    this.resource.addOverride("for_each", `\${local.${resourceName}_shards}`);
    if (typeof props.processOwnerRoleArns === "string") {
      this.resource.addOverride("roles", `\${[for arn in ${props.processOwnerRoleArns} : { role_arn = arn, role_type = "PROCESS_OWNER" }]}`);
    }
    // aws_accounts is a block, one per account: a dynamic block over the shard's accounts.
    this.resource.addOverride("scope.0.dynamic", { aws_accounts: { for_each: "${each.value.accounts}", content: { id: "${aws_accounts.value}" } } });
    for (const [shard, assessmentId] of Object.entries(props.adopt ?? {})) {
      // The provider imports an assessment by its ID (internal/service/auditmanager/assessment.go: WithImportByID).
      new ImportBlock(this, `import_${shard}`, { to: `aws_auditmanager_assessment.${resourceName}["${shard}"]`, id: assessmentId, provider: props.provider });
    }
  }
}

/**
 * HCL of shard `s`'s assessment name: the name alone for one shard, "<name>-<s>" for several
 * (assessments-config.ts, shardNames). Literals in the stacks stay readable; the module decides at plan time.
 */
function shardNameExpression(name: string, shards: string): string {
  const literal = /^"[a-z0-9-]+"$/.test(name) ? name.slice(1, -1) : undefined;
  if (literal !== undefined && /^\d+$/.test(shards)) return shards === "1" ? name : `"${literal}-\${s}"`;
  return `${shards} == 1 ? ${name} : "\${${name}}-\${s}"`;
}

/** `${expression}` inside a message, or the literal itself. */
const shown = (expression: string) => (/^\d+$/.test(expression) ? expression : `\${${expression}}`);

function preconditions(props: AssessmentProps) {
  const where = `in ${props.region}`;
  return [
    {
      condition: `\${length(each.value.accounts) <= ${MAX_ACCOUNTS_PER_ASSESSMENT}}`,
      errorMessage:
        `Assessment \${each.value.name} ${where} would hold \${length(each.value.accounts)} accounts; an assessment's scope holds at most ${MAX_ACCOUNTS_PER_ASSESSMENT} (Audit Manager API reference, Scope.awsAccounts). ` +
        `Raise ${props.fields.shards} (now ${shown(props.shards)}): a new assessment takes about 1/(shards+1) of the accounts from the others and no other account moves (docs/assessments.md, "Sharding").`,
    },
    {
      condition: "${length(each.value.accounts) >= 1}",
      errorMessage: `Assessment \${each.value.name} ${where} would hold no account, and Audit Manager needs at least one in scope. Lower ${props.fields.shards} (now ${shown(props.shards)}) or widen its accounts; lowering it moves the accounts of the removed assessments (docs/assessments.md, "Sharding").`,
    },
    {
      condition: `\${alltrue([for account in ${props.sources.organizationAccounts} : coalesce(try(account.state, ""), try(account.status, ""), "") != ""])}`,
      errorMessage:
        "The organization's accounts have no state: AWS Organizations stopped returning the account Status on 9 September 2026 and this hashicorp/aws version reads only status. " +
        "Use a hashicorp/aws version that reads accounts[].state (6.25 does); until then no account could be told ACTIVE and every assessment would lose its scope.",
    },
    // Only when accounts are named one by one: an "organization" or OU scope names none.
    ...(props.listedAccountIds === "[]"
      ? []
      : [
          {
            condition: `\${length(setsubtract(${props.listedAccountIds}, [for account in ${props.sources.organizationAccounts} : account.id])) == 0}`,
            errorMessage: `${props.fields.accounts} names accounts that are not members of the organization: \${join(", ", setsubtract(${props.listedAccountIds}, [for account in ${props.sources.organizationAccounts} : account.id]))}. Remove them, or invite them first.`,
          },
        ]),
  ];
}

/**
 * A Terraform `import` block for an address cdktf's importFrom cannot name (an instance of a
 * for_each resource). Stacks merge every element's `import` list into one.
 */
class ImportBlock extends TerraformElement {
  constructor(
    scope: Construct,
    id: string,
    private readonly block: { to: string; id: string; provider: AwsProvider },
  ) {
    super(scope, id);
  }

  toTerraform(): object {
    return { import: [{ to: this.block.to, id: this.block.id, provider: this.block.provider.fqn }] };
  }
}
