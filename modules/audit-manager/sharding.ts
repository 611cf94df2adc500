/**
 * Which assessment (shard) an account belongs to: rendezvous hashing, also called highest random
 * weight. Each account scores every shard 1..N with a hash of "<account ID>/<shard>" and joins the
 * shard with the highest score. The score depends only on the account and the shard, so:
 *
 * - an account that joins or leaves moves no other account (the others' scores do not change);
 * - raising the shard count from N to N+1 moves only the accounts whose score for the new shard
 *   beats their best old one, about 1/(N+1) of them, and all of them into the new shard;
 * - the same account lands in the same shard in every Region and for every assessment with the
 *   same shard count, and anyone can recompute it (docs/assessments.md).
 *
 * Index-based chunking of a sorted list fails the first property (one new account shifts every
 * later one), and plain `hash mod N` fails the second (changing N re-deals nearly every account).
 * Terraform computes it at plan time, because the accounts are only known then; the TypeScript
 * twin below computes the same function for tests and for the capacity figures in the docs.
 */
import { createHash } from "node:crypto";

/**
 * The score of `shard` for `accountId`: the first 32 bits of SHA-256 of "<account ID>/<shard>".
 * Terraform: `parseint(substr(sha256("${id}/${s}"), 0, 8), 16)` (sha256 returns lowercase hex).
 */
export function shardScore(accountId: string, shard: number): number {
  return parseInt(createHash("sha256").update(`${accountId}/${shard}`).digest("hex").slice(0, 8), 16);
}

/** The 1-based shard of `accountId` among `shards`: the highest score, the lowest shard on a tie (Terraform's `index` finds the first). */
export function shardOf(accountId: string, shards: number): number {
  let best = 1;
  let bestScore = -1;
  for (let shard = 1; shard <= shards; shard++) {
    const score = shardScore(accountId, shard);
    if (score > bestScore) [best, bestScore] = [shard, score];
  }
  return best;
}

/**
 * The same function as Terraform expressions, given the HCL of the account list and of the shard
 * count. `scores` is a map from account ID to its score list, `shardOf` a map from account ID to
 * its shard, reading `scores` through `scoresRef` (the local that holds it).
 */
export function shardingExpressions(accountIds: string, shards: string, scoresRef: string): { scores: string; shardOf: string } {
  return {
    scores: `{ for id in ${accountIds} : id => [for s in range(1, ${shards} + 1) : parseint(substr(sha256("\${id}/\${s}"), 0, 8), 16)] }`,
    shardOf: `{ for id, scores in ${scoresRef} : id => index(scores, max(scores...)) + 1 }`,
  };
}
