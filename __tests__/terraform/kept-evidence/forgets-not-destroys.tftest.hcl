# A configuration change that takes Audit Manager objects out of a Region stack: the "before"
# run applies the stack as it was (the root: an assessment, a created key, the report bucket, a
# registration that deregisters on destroy) into the shared state; the "after" run plans the stack
# as it is now (a module, whose source the test writes in) against that state.
# __tests__/kept-evidence.terraform.test.ts
# writes one copy of this file per change, each with its own state, and reads Terraform's plan
# (terraform test -verbose): every such object is forgotten ("will no longer be managed") and none
# destroyed, or the plan fails on the entry guard's prevent_destroy (an entry removed or renamed
# without auditManager.retiredAssessments), which also skips the runs after it in that copy.
mock_provider "aws" {
  alias  = "management"
  source = "./tests/mocks/management"
}

mock_provider "aws" {
  alias  = "delegated_admin"
  source = "./tests/mocks/delegated_admin"
}

run "before" {
  state_key = "stack"
}

run "after" {
  command   = plan
  state_key = "stack"
  module {
    source = "__AFTER__"
  }
}

# As in every-stack/plan-and-apply.tftest.hcl: the state holds prevent_destroy resources, which
# Terraform's own clean-up would trip over.
run "tears_down" {
  state_key = "stack"
  module {
    source = "./tests/every-stack-teardown"
  }
}
