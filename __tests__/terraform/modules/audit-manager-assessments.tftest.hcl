# The audit-manager-assessments module: one assessment, sharded over the organization's ACTIVE accounts.

run "refuses_a_bad_value_of_every_validated_variable" {
  command = plan
  module {
    source = "./terraform-modules/hcl/audit-manager-assessments"
  }
  variables {
    name                    = "PCI DSS"
    framework               = ""
    process_owner_role_arns = ["AuditOwner"]
    shards                  = 0
    organizational_unit_ids = ["ou-x"]
    account_ids             = ["1111"]
    report_bucket_name      = "Reports"
    report_key_prefix       = "/reports/"
  }
  expect_failures = [var.name, var.framework, var.process_owner_role_arns, var.shards, var.organizational_unit_ids, var.account_ids, var.report_bucket_name, var.report_key_prefix]
}

# Shards by rendezvous hashing (modules/audit-manager/sharding.ts): with 2 shards, 222222222222
# and 333333333333 score highest for shard 1 and 111111111111 for shard 2, as the TypeScript twin computes.
run "deals_the_active_accounts_of_the_organization_into_named_shards" {
  command = plan
  module {
    source = "./terraform-modules/hcl/audit-manager-assessments"
  }
  variables {
    name                    = "pci-dss"
    framework               = "Payment Card Industry Data Security Standard (PCI DSS) v4.0"
    process_owner_role_arns = ["arn:aws:iam::222222222222:role/AuditOwner"]
    shards                  = 2
    report_bucket_name      = "audit-reports-us-east-1"
  }
  override_data {
    target = data.aws_organizations_organization.organization
    values = {
      accounts = [
        { id = "111111111111", arn = "", email = "", name = "", status = "ACTIVE" },
        { id = "222222222222", arn = "", email = "", name = "", status = "ACTIVE" },
        { id = "333333333333", arn = "", email = "", name = "", status = "ACTIVE" },
        { id = "444444444444", arn = "", email = "", name = "", status = "SUSPENDED" },
      ]
    }
  }
  assert {
    condition     = aws_auditmanager_assessment.assessment["1"].name == "pci-dss-1" && aws_auditmanager_assessment.assessment["2"].name == "pci-dss-2"
    error_message = "Two shards are pci-dss-1 and pci-dss-2."
  }
  assert {
    condition     = sort([for a in aws_auditmanager_assessment.assessment["1"].scope[0].aws_accounts : a.id]) == tolist(["222222222222", "333333333333"]) && [for a in aws_auditmanager_assessment.assessment["2"].scope[0].aws_accounts : a.id] == ["111111111111"]
    error_message = "The ACTIVE accounts must be dealt as the TypeScript twin deals them, and the SUSPENDED one left out."
  }
  assert {
    condition     = length(data.aws_auditmanager_framework.framework) == 1 && aws_auditmanager_assessment.assessment["1"].roles == toset([{ role_arn = "arn:aws:iam::222222222222:role/AuditOwner", role_type = "PROCESS_OWNER" }])
    error_message = "A framework name is looked up; the owners are PROCESS_OWNER roles."
  }
  assert {
    condition     = aws_auditmanager_assessment.assessment["2"].assessment_reports_destination[0].destination == "s3://audit-reports-us-east-1/assessment-reports"
    error_message = "Reports go to the named bucket and prefix."
  }
}

run "uses_a_custom_framework_by_id_and_keeps_the_name_for_one_shard" {
  command = plan
  module {
    source = "./terraform-modules/hcl/audit-manager-assessments"
  }
  variables {
    name                    = "internal"
    framework               = "0a1b2c3d-1111-2222-3333-444455556666"
    process_owner_role_arns = ["arn:aws:iam::222222222222:role/AuditOwner"]
    account_ids             = ["111111111111"]
    report_bucket_name      = "audit-reports-us-east-1"
  }
  override_data {
    target = data.aws_organizations_organization.organization
    values = {
      accounts = [
        { id = "111111111111", arn = "", email = "", name = "", status = "ACTIVE" },
        { id = "222222222222", arn = "", email = "", name = "", status = "ACTIVE" },
      ]
    }
  }
  assert {
    condition     = length(data.aws_auditmanager_framework.framework) == 0 && aws_auditmanager_assessment.assessment["1"].framework_id == "0a1b2c3d-1111-2222-3333-444455556666"
    error_message = "A custom framework is used by ID, without a lookup."
  }
  assert {
    condition     = aws_auditmanager_assessment.assessment["1"].name == "internal" && [for a in aws_auditmanager_assessment.assessment["1"].scope[0].aws_accounts : a.id] == ["111111111111"]
    error_message = "One shard keeps the name, and only the named account is in scope."
  }
}
