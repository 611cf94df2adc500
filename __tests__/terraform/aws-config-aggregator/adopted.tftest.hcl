# The home Region stack with awsConfig.organizationAggregator = { adopt = true, name =
# "org-aggregator", roleArn = <existing role> }: the existing aggregator is imported (its name as
# ID) and keeps its role. Evidence at plan time: an imported aggregator's ARN is known during plan,
# one Terraform would create has an unknown ARN until apply. Mock providers cannot import on their
# own, hence the override.
mock_provider "aws" {
  alias  = "management"
  source = "./tests/mocks/management"
}

mock_provider "aws" {
  alias  = "delegated_admin"
  source = "./tests/mocks/delegated_admin"
}

override_resource {
  target = aws_config_configuration_aggregator.config_organization_aggregator
  values = {
    id  = "org-aggregator"
    arn = "arn:__PARTITION__:config:__HOME_REGION__:__DELEGATED_ADMIN_ACCOUNT__:config-aggregator/config-aggregator-mock"
  }
}

run "the_existing_aggregator_is_imported_with_its_own_role" {
  command = plan

  assert {
    condition     = aws_config_configuration_aggregator.config_organization_aggregator.arn == "arn:__PARTITION__:config:__HOME_REGION__:__DELEGATED_ADMIN_ACCOUNT__:config-aggregator/config-aggregator-mock"
    error_message = "the aggregator named org-aggregator must be imported, not created anew"
  }
  assert {
    condition     = aws_config_configuration_aggregator.config_organization_aggregator.organization_aggregation_source[0].role_arn == "arn:__PARTITION__:iam::__DELEGATED_ADMIN_ACCOUNT__:role/service-role/ExistingOrgConfigRole"
    error_message = "an adopted aggregator keeps the role it has"
  }
}
