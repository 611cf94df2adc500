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
 * An entry removed from `assessments` and not retired cannot be named here (the configuration no
 * longer knows it): the review gate refuses that plan (modules/review/evidence-gate.ts).
 */
import { Construct } from "constructs";
import { RemovedBlock } from "../organizations/removed-block";
import { REGISTRATION_ADDRESS } from "./audit-manager";
import { AUDIT_MANAGER_KEY_ADDRESSES } from "./audit-manager-key";
import { assessmentAddress, assessmentsIn } from "./assessments";
import type { AuditManagerSettings } from "./config";
import { REPORTS_BUCKET_ADDRESSES } from "./reports-bucket";

export interface KeptEvidenceProps {
  readonly settings: AuditManagerSettings;
  /** Regions where Audit Manager is managed (auditManagerRegions). */
  readonly managedRegions: readonly string[];
  readonly region: string;
}

/** The addresses a Region stack forgets: everything evidence-bearing it does not declare. */
export function forgottenAddresses({ settings, managedRegions, region }: KeptEvidenceProps): string[] {
  const managed = managedRegions.includes(region);
  const created = managed ? assessmentsIn(settings.assessments, managedRegions, region) : [];
  const notCreatedHere = settings.assessments.filter((entry) => !created.includes(entry) && !entry.allowDeletion);
  const retired = settings.retiredAssessments.filter((entry) => entry.evidence === "keep");
  return [
    ...(managed ? [] : [REGISTRATION_ADDRESS]),
    ...(managed && settings.kmsKey.type === "create" ? [] : Object.values(AUDIT_MANAGER_KEY_ADDRESSES)),
    ...(created.length && settings.assessmentReports.bucket.create ? [] : REPORTS_BUCKET_ADDRESSES),
    ...[...notCreatedHere, ...retired].map(assessmentAddress),
  ];
}

export class KeptEvidence extends Construct {
  constructor(scope: Construct, id: string, props: KeptEvidenceProps) {
    super(scope, id);
    forgottenAddresses(props).forEach((address) => new RemovedBlock(this, address, address));
  }
}
