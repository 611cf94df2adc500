import { TerraformElement } from "cdktf";
import type { Construct } from "constructs";

/**
 * A Terraform `removed` block with `lifecycle { destroy = false }` (Terraform >= 1.7): when the
 * state still holds `from`, the next apply forgets it and leaves the object in AWS untouched; when
 * it does not, the block does nothing. cdktf 0.21 has no construct for it, so this element writes
 * the block itself; cdktf concatenates the `removed` lists of all elements of a stack.
 *
 * cdktf's HCL renderer drops `removed` blocks; the stacks' HCL is rendered from their JSON
 * instead (modules/synth/hcl.ts), which keeps them.
 */
export class RemovedBlock extends TerraformElement {
  constructor(
    scope: Construct,
    id: string,
    /** Address in the stack, e.g. `aws_organizations_organization.organization`. */
    readonly from: string,
  ) {
    super(scope, id);
  }

  override toTerraform(): any {
    return { removed: [{ from: this.from, lifecycle: { destroy: false } }] };
  }
}

/**
 * A Terraform `moved` block (Terraform >= 1.1): the object in state at `from` is now at `to`, with
 * no destroy and no create; when the state does not hold `from`, the block does nothing. Written
 * for instance addresses (`a["x"]` to `b["x"]`), which cdktf's moveTo cannot name across resources.
 */
export class MovedBlock extends TerraformElement {
  constructor(
    scope: Construct,
    id: string,
    readonly from: string,
    readonly to: string,
  ) {
    super(scope, id);
  }

  override toTerraform(): any {
    return { moved: [{ from: this.from, to: this.to }] };
  }
}
