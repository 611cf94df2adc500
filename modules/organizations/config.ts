import { z } from "zod";
import type { ConfigCheck, SharedSettings } from "../kit/checks";
import { following, oneOf, show, strictObject, uniqueList } from "../kit/fields";
import { SERVICE_PRINCIPAL } from "../kit/rules";
import { DELEGATED_ADMINISTRATOR_PRINCIPALS, delegatedAdministratorPrincipals, requiredTrustedAccessPrincipals, type EnabledCapabilities } from "./principals";

/** Service principals look like `ram.amazonaws.com` (`.amazonaws.com.cn` for a few services in China). */
const servicePrincipal = following(
  SERVICE_PRINCIPAL,
  "Service principal of an AWS service integrated with AWS Organizations.",
);

const trustedAccess = strictObject(
  {
    mode: oneOf(
      ["managed", "external"],
      "managed: this project adopts the organization and enables the principals it needs, keeping every other enabled principal; external: another estate manages the organization and this project only checks, at plan time, that the principals it needs are enabled.",
    ).default("managed"),
    disable: uniqueList(
      servicePrincipal,
      "Principals whose trusted access this project disables (managed mode only). Principals not listed here are never disabled, whoever enabled them.",
    ).default([]),
  },
  "Trusted access of AWS services to the organization (Organizations EnableAWSServiceAccess).",
).default({ mode: "managed", disable: [] });

const delegatedAdministrators = strictObject(
  {
    adopt: uniqueList(
      oneOf(DELEGATED_ADMINISTRATOR_PRINCIPALS, "A service principal this project registers a delegated administrator for."),
      "Service principals whose delegated administrator registration already exists: adopted with a Terraform import block instead of being registered again.",
    ).default([]),
    deregisterOnDestroy: z
      .boolean()
      .default(false)
      .describe("false (default): registrations are kept when the stack is destroyed or a capability is turned off. true: they are deregistered then."),
  },
  "Delegated administrators registered through AWS Organizations (Config and StackSets; Audit Manager and Security Hub CSPM register through their own APIs).",
).default({ adopt: [], deregisterOnDestroy: false });

/** Configuration of AWS Organizations: all features, trusted service access and delegated administrators. */
export const organizationsSection = strictObject(
  {
    trustedAccess,
    delegatedAdministrators,
    release: z
      .boolean()
      .default(false)
      .describe(
        "true: the next deploy stops managing the organization and the kept delegated administrator registrations without changing them in AWS (Terraform removed blocks), so a later `cdktf destroy` leaves them in place.",
      ),
  },
  "AWS Organizations: all features, trusted access and delegated administrators.",
).default({ trustedAccess: { mode: "managed", disable: [] }, delegatedAdministrators: { adopt: [], deregisterOnDestroy: false }, release: false });

export type OrganizationsConfig = z.output<typeof organizationsSection>;

const NEEDED_BY = ["organizations", "auditManager.enabled", "securityHub.enabled", "awsConfig.enabled", "awsConfig.mode"];

/** Which principals are needed follows from what the other capabilities turn on, so these checks also read that. */
export const organizationsChecks: ConfigCheck<OrganizationsConfig, SharedSettings & EnabledCapabilities>[] = [
  {
    // Disabling a principal this configuration needs would break the capability that needs it on the next apply.
    reads: NEEDED_BY,
    run: (organizations, capabilities, report) => {
      const required = requiredTrustedAccessPrincipals(capabilities);
      organizations.trustedAccess.disable.forEach((principal, index) => {
        const need = required.find((r) => r.principal === principal);
        if (need) {
          report(
            ["organizations", "trustedAccess", "disable", index],
            `${show(principal)} is needed by ${need.neededBy}; allowed: a principal this configuration does not need, or turn off ${need.neededBy} first`,
          );
        }
      });
    },
  },
  {
    // In external mode another estate owns aws_service_access_principals; this project changes nothing there.
    reads: ["organizations.trustedAccess"],
    run: (organizations, _shared, report) => {
      const { mode, disable } = organizations.trustedAccess;
      if (mode === "external" && disable.length > 0) {
        report(
          ["organizations", "trustedAccess", "disable"],
          `${show(disable)} is not allowed in external mode, where the estate that manages the organization owns its trusted access; allowed: [] (disable them in that estate), or mode "managed"`,
        );
      }
    },
  },
  {
    // An import block for a registration this configuration does not make would adopt something it never manages.
    reads: NEEDED_BY,
    run: (organizations, capabilities, report) => {
      const registered = delegatedAdministratorPrincipals(capabilities).map((r) => r.principal);
      organizations.delegatedAdministrators.adopt.forEach((principal, index) => {
        if (!registered.includes(principal)) {
          report(
            ["organizations", "delegatedAdministrators", "adopt", index],
            `${show(principal)} is not registered by this configuration; allowed: ${registered.length ? registered.join(", ") : "nothing while awsConfig.enabled is false"}`,
          );
        }
      });
    },
  },
];
