/**
 * What a Region stack forgets instead of deleting: every Audit Manager object that held or protects
 * evidence and that this stack managed before but no longer declares. A `removed` block with
 * `lifecycle { destroy = false }` makes Terraform drop the object from its state and leave it in
 * AWS; when the state does not hold it, the block does nothing (modules/organizations/removed-block.ts).
 *
 * Without these blocks a configuration change deletes, because a resource block that disappears
 * takes its `prevent_destroy` with it:
 * - `auditManager.enabled: false`, a Region in `excludedRegions` or left out of an entry's
 *   `regions` would delete that Region's assessments, and DeleteAssessment deletes the evidence
 *   with them (Audit Manager API reference, DeleteAssessment); an entry with `allowDeletion: true`
 *   is deleted as it says;
 * - an entry in `retiredAssessments` with `evidence: "keep"` is forgotten everywhere;
 * - `kmsKey.type` away from "create" would schedule the created key for deletion, after which
 *   whatever it encrypted is unreadable (AWS KMS developer guide, "Deleting AWS KMS keys");
 * - no created report bucket would delete the bucket's settings (its policy and public access
 *   block) and try to delete the bucket;
 * - Audit Manager off in the Region would destroy the registration, which deregisters when
 *   `deregister_on_destroy` is true (hashicorp/terraform-provider-aws,
 *   internal/service/auditmanager/account_registration.go, Delete); deregistering stays an
 *   explicit `cdktf destroy` (docs/destroy.md).
 *
 * An entry removed from `assessments` (or renamed: the name is in the address) cannot be named by
 * a `removed` block once the configuration no longer knows it. What refuses it is a resource block
 * that exists in every Region stack, even with no instance: `prevent_destroy` is checked for every
 * instance Terraform would destroy while its block exists, so an instance whose `for_each` key
 * disappears fails the plan ("Instance cannot be destroyed"). One `terraform_data` instance per
 * entry whose assessments this stack holds (and may not delete) stands guard; its address names the
 * field that allows the removal. Entries that may go (allowDeletion, retired, not created here) have
 * their instance in a second block without `prevent_destroy`; `moved` blocks carry an instance
 * between the two as that changes (a `moved` whose `from` is not in state does nothing). The review
 * gate (modules/review/evidence-gate.ts) refuses the same plans a second time.
 */
import { DataResource } from "cdktf";
import { Construct } from "constructs";
import { MovedBlock, RemovedBlock } from "../organizations/removed-block";
import { REGISTRATION_ADDRESS } from "./audit-manager";
import { assessmentAddress } from "./assessments";
import { AUDIT_MANAGER_KEY_ADDRESSES, REPORTS_BUCKET_ADDRESSES } from "./evidence-addresses";
import { terraformList } from "../kit/terraform-text";

export interface KeptEvidenceProps {
  /** Whether Audit Manager is managed (registered) in this Region. */
  readonly registered: boolean;
  /** Whether this Region stack creates Audit Manager's customer managed key (auditManager.kmsKey.type "create"). */
  readonly createsKey: boolean;
  /** Whether report buckets are created (auditManager.assessmentReports.bucket.create); this stack holds one when it creates assessments. */
  readonly createsReportBuckets: boolean;
  /** Every configured assessment entry, in order: whether this Region stack creates its assessments, and whether they may be deleted (allowDeletion). */
  readonly assessments: readonly { readonly name: string; readonly createdHere: boolean; readonly allowDeletion: boolean }[];
  /** Every retired entry, and whether its evidence is kept (evidence "keep"). */
  readonly retiredAssessments: readonly { readonly name: string; readonly keepEvidence: boolean }[];
}

/** The entries whose assessments the Region stack declares. */
const createdHere = ({ registered, assessments }: KeptEvidenceProps) => (registered ? assessments.filter((entry) => entry.createdHere) : []);

/** The addresses a Region stack forgets: everything evidence-bearing it does not declare. */
export function forgottenAddresses(props: KeptEvidenceProps): string[] {
  const { registered } = props;
  const created = createdHere(props);
  const notCreatedHere = props.assessments.filter((entry) => !created.includes(entry) && !entry.allowDeletion);
  const retired = props.retiredAssessments.filter((entry) => entry.keepEvidence);
  return [
    ...(registered ? [] : [REGISTRATION_ADDRESS]),
    ...(registered && props.createsKey ? [] : Object.values(AUDIT_MANAGER_KEY_ADDRESSES)),
    ...(created.length && props.createsReportBuckets ? [] : REPORTS_BUCKET_ADDRESSES),
    ...[...notCreatedHere, ...retired].map(assessmentAddress),
  ];
}

/**
 * The guard of removals: the resource whose instances, one per entry name, refuse a plan that drops
 * the name; its address is what Terraform's error shows, so it names the field to use.
 */
export const ENTRY_GUARD_ADDRESSES = {
  guarded: `${DataResource.tfResourceType}.assessment_removal_needs_auditManager_retiredAssessments`,
  released: `${DataResource.tfResourceType}.assessment_removal_allowed`,
} as const;

/** The entry names this stack guards against removal, and those it lets go without a word. */
export function entryGuards(props: KeptEvidenceProps): { guarded: string[]; released: string[] } {
  const guarded = createdHere(props).filter((entry) => !entry.allowDeletion).map((entry) => entry.name);
  const released = [...props.assessments.map((entry) => entry.name), ...props.retiredAssessments.map((entry) => entry.name)].filter((name) => !guarded.includes(name));
  return { guarded, released };
}

export class KeptEvidence extends Construct {
  constructor(scope: Construct, id: string, props: KeptEvidenceProps) {
    super(scope, id);
    forgottenAddresses(props).forEach((address) => new RemovedBlock(this, address, address));
    const names = entryGuards(props);
    for (const [kind, preventDestroy] of [["guarded", true], ["released", false]] as const) {
      const guard = new DataResource(this, kind, { lifecycle: { preventDestroy } });
      guard.overrideLogicalId(ENTRY_GUARD_ADDRESSES[kind].split(".")[1]);
      // Always declared, empty or not: the block must outlive its last instance to refuse its removal.
      guard.addOverride("for_each", `\${toset(${terraformList([...names[kind]].sort())})}`);
      guard.addOverride("input", "${each.key}");
      const other = kind === "guarded" ? "released" : "guarded";
      for (const name of names[kind]) new MovedBlock(this, `${kind}_${name}`, `${ENTRY_GUARD_ADDRESSES[other]}["${name}"]`, `${ENTRY_GUARD_ADDRESSES[kind]}["${name}"]`);
    }
  }
}
