# The aws-config-aggregator module: the organization-wide Config aggregator in the home Region.

run "refuses_a_bad_value_of_every_validated_variable" {
  command = plan
  module {
    source = "./terraform-modules/hcl/aws-config-aggregator"
  }
  variables {
    name     = "organization aggregator"
    role_arn = "arn:aws:iam::222222222222:user/OrgConfigRole"
  }
  expect_failures = [var.name, var.role_arn]
}

run "creates_the_role_aws_documents_and_aggregates_every_region" {
  command = apply
  module {
    source = "./terraform-modules/hcl/aws-config-aggregator"
  }
  assert {
    condition     = aws_config_configuration_aggregator.config_organization_aggregator.name == "aws-config-organization" && aws_config_configuration_aggregator.config_organization_aggregator.organization_aggregation_source[0].all_regions
    error_message = "By default the aggregator is named aws-config-organization and covers every Region."
  }
  assert {
    condition     = output.role_arn == aws_iam_role.config_aggregator_role[0].arn && aws_iam_role_policy_attachment.config_aggregator_role_policy[0].policy_arn == "arn:aws:iam::aws:policy/service-role/AWSConfigRoleForOrganizations"
    error_message = "Without role_arn the aggregator assumes the role the module creates, which carries AWSConfigRoleForOrganizations."
  }
}

run "assumes_an_existing_role_and_creates_none" {
  command = plan
  module {
    source = "./terraform-modules/hcl/aws-config-aggregator"
  }
  variables {
    name     = "org-aggregator"
    role_arn = "arn:aws:iam::222222222222:role/service-role/ExistingOrgConfigRole"
  }
  assert {
    condition     = length(aws_iam_role.config_aggregator_role) == 0 && length(aws_iam_role_policy_attachment.config_aggregator_role_policy) == 0
    error_message = "With role_arn the module must not create a second role."
  }
  assert {
    condition     = aws_config_configuration_aggregator.config_organization_aggregator.organization_aggregation_source[0].role_arn == "arn:aws:iam::222222222222:role/service-role/ExistingOrgConfigRole"
    error_message = "The aggregator must assume the role passed in role_arn."
  }
}
