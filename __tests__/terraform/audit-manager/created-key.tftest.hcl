# A Region stack with kmsKey.type "create": the key's policy, parsed as JSON, gives the
# delegated administrator and Audit Manager what they need and nothing broader, and the
# registration uses the key. Plan only: the key has prevent_destroy, so nothing is applied.
mock_provider "aws" {
  alias  = "management"
  source = "./tests/mocks/management"

  override_resource {
    target          = aws_kms_key.audit_manager
    override_during = plan
    values          = { arn = "arn:__PARTITION__:kms:__REGION__:__MANAGEMENT_ACCOUNT__:key/00000000-0000-0000-0000-000000000000", key_id = "00000000-0000-0000-0000-000000000000" }
  }
}

mock_provider "aws" {
  alias  = "delegated_admin"
  source = "./tests/mocks/delegated_admin"
}

variables {
  management_root      = "arn:__PARTITION__:iam::__MANAGEMENT_ACCOUNT__:root"
  delegated_admin_root = "arn:__PARTITION__:iam::__DELEGATED_ADMIN_ACCOUNT__:root"
  via_audit_manager    = { "kms:ViaService" = "auditmanager.__REGION__.amazonaws.com" }
}

run "the_registration_uses_the_created_key_whose_policy_grants_what_is_needed_and_nothing_broader" {
  command = plan

  assert {
    condition     = aws_auditmanager_account_registration.audit_manager.kms_key == "arn:__PARTITION__:kms:__REGION__:__MANAGEMENT_ACCOUNT__:key/00000000-0000-0000-0000-000000000000"
    error_message = "The registration must send the created key's ARN."
  }
  assert {
    condition     = aws_auditmanager_account_registration.audit_manager.delegated_admin_account == "__DELEGATED_ADMIN_ACCOUNT__"
    error_message = "The registration must designate the delegated administrator."
  }
  assert {
    condition     = aws_kms_key.audit_manager.customer_master_key_spec == "SYMMETRIC_DEFAULT" && aws_kms_key.audit_manager.key_usage == "ENCRYPT_DECRYPT" && aws_kms_key.audit_manager.enable_key_rotation
    error_message = "The key must be a symmetric encryption key with rotation on."
  }
  assert {
    condition     = aws_kms_alias.audit_manager.name == "alias/audit-manager"
    error_message = "The key must carry the default alias."
  }

  # The key policy grants what is needed and nothing broader.
  assert {
    condition     = length(jsondecode(aws_kms_key.audit_manager.policy).Statement) == 3
    error_message = "The key policy must have exactly three statements."
  }
  assert {
    condition = (
      jsondecode(aws_kms_key.audit_manager.policy).Statement[0].Principal == { AWS = var.management_root } &&
      jsondecode(aws_kms_key.audit_manager.policy).Statement[0].Action == "kms:*" &&
      !can(jsondecode(aws_kms_key.audit_manager.policy).Statement[0].Condition)
    )
    error_message = "The owning account's root must keep full control, so the key never becomes unmanageable."
  }
  assert {
    condition = (
      jsondecode(aws_kms_key.audit_manager.policy).Statement[1].Principal == { AWS = var.delegated_admin_root } &&
      toset(jsondecode(aws_kms_key.audit_manager.policy).Statement[1].Action) == toset(["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*", "kms:DescribeKey"]) &&
      jsondecode(aws_kms_key.audit_manager.policy).Statement[1].Condition == { StringEquals = var.via_audit_manager }
    )
    error_message = "The delegated administrator may use the key only through Audit Manager in __REGION__."
  }
  assert {
    condition = (
      jsondecode(aws_kms_key.audit_manager.policy).Statement[2].Principal == { AWS = var.delegated_admin_root } &&
      toset(jsondecode(aws_kms_key.audit_manager.policy).Statement[2].Action) == toset(["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"]) &&
      jsondecode(aws_kms_key.audit_manager.policy).Statement[2].Condition == { StringEquals = var.via_audit_manager, Bool = { "kms:GrantIsForAWSResource" = "true" } }
    )
    error_message = "Grants may be created only by Audit Manager in __REGION__ and only for AWS resources."
  }
  assert {
    condition = alltrue([
      for s in jsondecode(aws_kms_key.audit_manager.policy).Statement : s.Effect == "Allow" && s.Resource == "*" && contains([var.management_root, var.delegated_admin_root], s.Principal.AWS)
    ])
    error_message = "No statement may name any principal other than the two accounts."
  }
  assert {
    condition     = length([for s in jsondecode(aws_kms_key.audit_manager.policy).Statement : s if s.Action == "kms:*" || contains(flatten([s.Action]), "kms:*")]) == 1
    error_message = "Only the owning account may hold kms:*."
  }
  assert {
    condition     = !strcontains(aws_kms_key.audit_manager.policy, "aws:SourceAccount") && !strcontains(aws_kms_key.audit_manager.policy, "aws:SourceArn")
    error_message = "Audit Manager does not support aws:SourceAccount or aws:SourceArn in the key policy."
  }
}
