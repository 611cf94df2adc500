/**
 * The standard frameworks of Audit Manager's framework library, by the exact name Audit Manager
 * gives them: the plan looks a standard framework up by that name (`aws_auditmanager_framework`),
 * so synthesis refuses any other text that is not a framework ID, with the nearest name.
 *
 * Compiled on 2026-12-07 from the AWS Audit Manager user guide: "Supported frameworks in AWS Audit
 * Manager" (https://docs.aws.amazon.com/audit-manager/latest/userguide/framework-overviews.html)
 * lists one page per framework, and each page's table "Framework name in AWS Audit Manager" gives
 * the name; "Framework sharing concepts and terminology"
 * (https://docs.aws.amazon.com/audit-manager/latest/userguide/share-custom-framework-concepts-and-terminology.html)
 * lists every standard framework by the same name (table "Standard framework name"). Where the two
 * differ in case, the framework's own page is followed ("AWS Generative AI Best Practices
 * Framework v2"). "Essential Eight" is the name the hashicorp/aws provider's documentation looks
 * up ("Data Source: aws_auditmanager_framework", https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/auditmanager_framework),
 * besides the sharing page's longer name, so both are accepted.
 *
 * A framework AWS adds after this date is used by its ID (a UUID, `aws auditmanager
 * list-assessment-frameworks --framework-type Standard`), which is always accepted.
 */
export const STANDARD_FRAMEWORK_NAMES: readonly string[] = [
  "Australian Cyber Security Center (ACSC) Essential Eight",
  "Essential Eight",
  "Australian Cyber Security Center (ACSC) Information Security Manual (ISM) 02 March 2023",
  "Amazon Web Services (AWS) Audit Manager Sample Framework",
  "AWS Control Tower Guardrails",
  "AWS Generative AI Best Practices Framework v2",
  "AWS License Manager",
  "AWS Foundational Security Best Practices",
  "AWS Operational Best Practices",
  "Amazon Web Services (AWS) Well Architected Framework (WAF) v10",
  "Canadian Centre for Cyber Security (CCCS) Medium Cloud Control",
  "Center for Internet Security (CIS) Amazon Web Services (AWS) Benchmark v1.2.0, Level 1",
  "Center for Internet Security (CIS) Amazon Web Services (AWS) Benchmark v1.2.0, Level 1 and 2",
  "Center for Internet Security (CIS) Amazon Web Services (AWS) Benchmark v1.3.0, Level 1",
  "Center for Internet Security (CIS) Amazon Web Services (AWS) Benchmark v1.3.0, Level 1 and 2",
  "Center for Internet Security (CIS) Amazon Web Services (AWS) Benchmark v1.4.0, Level 1",
  "Center for Internet Security (CIS) Amazon Web Services (AWS) Benchmark v1.4.0, Level 1 and 2",
  "Center for Internet Security (CIS) v7.1, IG1",
  "CIS Critical Security Controls version 8.0 (CIS v8.0), IG1",
  "Federal Risk And Authorization Management Program (FedRAMP) Security Baseline Controls r4, Moderate",
  "General Data Protection Regulation (GDPR) 2016",
  "Gramm-Leach-Bliley Act (GLBA)",
  "Title 21 Code of Federal Regulations (CFR) Part 11, Electronic records; Electronic Signatures - Scope and Application 24 May 2023",
  "EudraLex - The Rules Governing Medicinal Products in the European Union (EU) - Volume 4: Good Manufacturing Practice (GMP) Medicinal Products for Human and Veterinary Use - Annex 11",
  "Health Insurance Portability and Accountability Act (HIPAA) Security Rule: Feb 2003",
  "Health Insurance Portability and Accountability Act (HIPAA) Omnibus Final Rule",
  "International Organization for standardization (ISO)/International Electrotechnical Commission (IEC) 27001:2013 Annex A",
  "NIST 800-53 Rev 5: Security and Privacy Controls for Information Systems and Organizations",
  "NIST Cybersecurity Framework (CSF) v1.1",
  "NIST 800-171 Revision 2: Protecting Controlled Unclassified Information in Nonfederal Systems and Organizations",
  "Payment Card Industry Data Security Standard (PCI DSS) v3.2.1",
  "Payment Card Industry Data Security Standard (PCI DSS) v4.0",
  "Statement on Standards for Attestations Engagement (SSAE) No. 18, Service Organizations Controls (SOC) Report 2",
];

/**
 * Names people reach for, such as the user guide's "PCI DSS V4.0", are the titles of the user
 * guide's framework pages, not the names Audit Manager gives the frameworks; a title is resolved
 * to the name first (the same pages: "PCI DSS V4.0", "PCI DSS V3.2.1", "SSAE-18 SOC 2"), in any case.
 */
export const FRAMEWORK_PAGE_TITLES: Readonly<Record<string, string>> = {
  "PCI DSS V4.0": "Payment Card Industry Data Security Standard (PCI DSS) v4.0",
  "PCI DSS V3.2.1": "Payment Card Industry Data Security Standard (PCI DSS) v3.2.1",
  "SSAE-18 SOC 2": "Statement on Standards for Attestations Engagement (SSAE) No. 18, Service Organizations Controls (SOC) Report 2",
};

const TITLES = new Map(Object.entries(FRAMEWORK_PAGE_TITLES).map(([title, name]) => [title.toLowerCase(), name]));

/** The standard framework's exact name in Audit Manager: a page title resolved, any other name as written. */
export const standardFrameworkName = (framework: string): string => TITLES.get(framework.toLowerCase()) ?? framework;

/** Whether `framework` is a standard framework's name in Audit Manager, or a page title that stands for one. */
export const isStandardFramework = (framework: string): boolean => STANDARD_FRAMEWORK_NAMES.includes(standardFrameworkName(framework));

/** Every text a configuration may name a standard framework by, for "did you mean". */
export const FRAMEWORK_SPELLINGS: readonly string[] = [...Object.keys(FRAMEWORK_PAGE_TITLES), ...STANDARD_FRAMEWORK_NAMES];
