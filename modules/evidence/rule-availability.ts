/**
 * AWS Config managed rules that are not available in every Region. A rule the evidence map names
 * is left out of the conformance pack of a Region where AWS Config does not offer it: a
 * conformance pack with an unknown rule fails in every account (the pack's status turns
 * CREATE_FAILED), so the Region's other rules would collect nothing either. The review report lists
 * the rules left out, per assessment and Region.
 *
 * Source: each rule's page in the AWS Config developer guide ("AWS Region: All supported AWS regions
 * except …"), which "List of AWS Config Managed Rules by Region Availability"
 * (https://docs.aws.amazon.com/config/latest/developerguide/managing-rules-by-region-availability.html)
 * summarizes. Read on 2026-12-07. Only rules an evidence map of this project names are listed;
 * add a row when a map names another rule whose page lists exceptions.
 */
export const RULE_AVAILABILITY_READ_ON = "2026-12-07";

/** Managed rule identifier → the Regions where its page says it is not available. */
export const RULE_UNAVAILABLE_IN: Readonly<Record<string, readonly string[]>> = {
  // https://docs.aws.amazon.com/config/latest/developerguide/ec2-managedinstance-association-compliance-status-check.html
  EC2_MANAGEDINSTANCE_ASSOCIATION_COMPLIANCE_STATUS_CHECK: [
    "af-south-1",
    "ap-east-2",
    "ap-northeast-3",
    "ap-south-2",
    "ap-southeast-3",
    "ap-southeast-4",
    "ap-southeast-5",
    "ap-southeast-7",
    "ca-west-1",
    "eu-central-2",
    "eu-south-1",
    "eu-south-2",
    "il-central-1",
    "mx-central-1",
  ],
  // https://docs.aws.amazon.com/config/latest/developerguide/waf-regional-rule-not-empty.html
  WAF_REGIONAL_RULE_NOT_EMPTY: ["ap-east-2", "ap-southeast-5", "ap-southeast-7", "ca-west-1", "mx-central-1", "us-gov-east-1", "us-gov-west-1"],
};

/** Whether AWS Config offers the managed rule `identifier` in `region`, as far as the table knows. */
export const ruleAvailableIn = (identifier: string, region: string): boolean => !(RULE_UNAVAILABLE_IN[identifier] ?? []).includes(region);
