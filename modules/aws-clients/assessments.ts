/**
 * The ACTIVE Audit Manager assessments of one Region and the accounts in their scope, read from
 * the delegated administrator (the only account that sees them): ListAssessments with status
 * ACTIVE, its largest page, following nextToken, then GetAssessment for each, whose
 * `metadata.scope.awsAccounts` lists the accounts it collects evidence from (Audit Manager API
 * reference, ListAssessments and GetAssessment). npm run doctor counts them against the quotas;
 * npm run coverage judges each account's scope with them. Each passes its own `send`, which
 * decides how calls are queued and counted and turns a failure into a ReadError.
 */
import { GetAssessmentCommand, ListAssessmentsCommand, type GetAssessmentResponse, type ListAssessmentsResponse } from "@aws-sdk/client-auditmanager";
import { ReadError } from "./clients";

/** ListAssessments' largest page (API reference, ListAssessments maxResults: 1-1000). */
export const ASSESSMENTS_PAGE = 1000;

/** An ACTIVE assessment as GetAssessment describes it: its name and the accounts in its scope. */
export interface ActiveAssessment {
  readonly id: string;
  readonly name: string;
  readonly accounts: ReadonlySet<string>;
}

/** Sends one read command to Audit Manager in the Region; a failure is a ReadError. */
export type SendRead = <Output>(command: { readonly constructor: { readonly name: string } }) => Promise<Output>;

/**
 * The ACTIVE assessments, sorted by name. A failed call does not lose what was read: the
 * assessments listed and described so far are returned with the first error, which says why the
 * rest is missing; any other failure is thrown.
 */
export async function readActiveAssessments(send: SendRead): Promise<{ assessments: ActiveAssessment[]; error?: ReadError }> {
  const listed: { id: string; name?: string }[] = [];
  let error: ReadError | undefined;
  try {
    let nextToken: string | undefined;
    do {
      const page = await send<ListAssessmentsResponse>(new ListAssessmentsCommand({ status: "ACTIVE", maxResults: ASSESSMENTS_PAGE, nextToken }));
      listed.push(...(page.assessmentMetadata ?? []).flatMap((item) => (item.id ? [{ id: item.id, name: item.name }] : [])));
      nextToken = page.nextToken;
    } while (nextToken);
  } catch (failed) {
    if (!(failed instanceof ReadError)) throw failed;
    error = failed;
  }
  const assessments: ActiveAssessment[] = [];
  await Promise.all(
    listed.map(async (item) => {
      try {
        const { assessment } = await send<GetAssessmentResponse>(new GetAssessmentCommand({ assessmentId: item.id }));
        const scope = assessment?.metadata?.scope?.awsAccounts ?? [];
        assessments.push({ id: item.id, name: item.name ?? item.id, accounts: new Set(scope.flatMap((a) => (a.id ? [a.id] : []))) });
      } catch (failed) {
        if (!(failed instanceof ReadError)) throw failed;
        error ??= failed;
      }
    }),
  );
  return { assessments: assessments.sort((a, b) => a.name.localeCompare(b.name)), error };
}
