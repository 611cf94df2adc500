# Only the example's providers: applied to the example's state by the "tears_down" run, it destroys
# everything in it without the modules' prevent_destroy.
terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}

provider "aws" {
  alias = "management_us_east_1"
}

provider "aws" {
  alias = "audit_us_east_1"
}

provider "aws" {
  alias = "management_eu_west_1"
}

provider "aws" {
  alias = "audit_eu_west_1"
}
