# The organization-wide AWS Config aggregator, home Region stack only: in the delegated
# administrator account, over the whole organization and every Region, assuming the role the AWS
# Config developer guide documents for organization aggregators.
mock_provider "aws" {
  alias  = "management"
  source = "./tests/mocks/management"
}

mock_provider "aws" {
  alias  = "delegated_admin"
  source = "./tests/mocks/delegated_admin"
}

run "aggregates_the_whole_organization_in_every_region" {
  command = plan

  assert {
    condition     = aws_config_configuration_aggregator.config_organization_aggregator.name == "aws-config-organization"
    error_message = "the aggregator has the default name"
  }
  assert {
    condition     = aws_config_configuration_aggregator.config_organization_aggregator.organization_aggregation_source[0].all_regions
    error_message = "the aggregator covers every Region, also Regions outside the configuration and Regions AWS adds later"
  }
  assert {
    condition     = length(aws_config_configuration_aggregator.config_organization_aggregator.account_aggregation_source) == 0
    error_message = "the aggregator's source is the organization, not a list of accounts"
  }
}

# Only the aggregator and what it depends on (the role and its policy) are applied: the rest of the
# home Region stack carries prevent_destroy, which this run's clean-up would trip over.
run "assumes_a_role_trusted_by_config_with_awsconfigrolefororganizations" {
  command   = apply
  state_key = "aggregator"
  plan_options {
    target = [aws_config_configuration_aggregator.config_organization_aggregator]
  }

  assert {
    condition     = aws_config_configuration_aggregator.config_organization_aggregator.organization_aggregation_source[0].role_arn == aws_iam_role.config_aggregator_role.arn
    error_message = "the aggregator assumes the role this stack creates"
  }
  assert {
    condition     = aws_iam_role_policy_attachment.config_aggregator_role_policy.policy_arn == "arn:__PARTITION__:iam::aws:policy/service-role/AWSConfigRoleForOrganizations"
    error_message = "the role carries the partition's AWSConfigRoleForOrganizations"
  }
  assert {
    condition     = aws_iam_role_policy_attachment.config_aggregator_role_policy.role == aws_iam_role.config_aggregator_role.name
    error_message = "the policy is attached to the aggregator's role"
  }
  assert {
    condition     = length(jsondecode(aws_iam_role.config_aggregator_role.assume_role_policy).Statement) == 1 && jsondecode(aws_iam_role.config_aggregator_role.assume_role_policy).Statement[0].Principal == { Service = "config.amazonaws.com" } && jsondecode(aws_iam_role.config_aggregator_role.assume_role_policy).Statement[0].Action == "sts:AssumeRole"
    error_message = "the role trusts AWS Config alone"
  }
}
