# Only the stack's two provider configurations: applied to a stack's state by the "tears_down" run,
# it destroys everything in it without the stack's lifecycle rules.
terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}

provider "aws" {
  alias = "management"
}

provider "aws" {
  alias = "delegated_admin"
}
