/**
 * Jest setupFilesAfterEnv: stack traces that are not errors are formatted the way Node formats
 * them, without jest's source-map lookup.
 *
 * cdktf records a full creation stack for every token it makes (tokens/private/stack-trace.js,
 * copied from constructs): `Error.captureStackTrace` on a plain object with no depth limit, read
 * at once. It shows them only in token errors. Under jest each such read went through
 * source-map-support, frame by frame: measured on the whole suite, 16 s of the 146 s one test
 * process spent, in a synthesis that costs a tenth of that under plain Node. Real errors (a failed
 * assertion, a thrown Error) are still mapped to the TypeScript lines.
 */
const mapped = Error.prepareStackTrace;

Error.prepareStackTrace = (error: unknown, frames: NodeJS.CallSite[]) =>
  error instanceof Error || !mapped ? mapped?.(error as Error, frames) : [String(error), ...frames.map((frame) => `    at ${frame}`)].join("\n");
