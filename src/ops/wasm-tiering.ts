import { setFlagsFromString } from "node:v8";

/**
 * Keeps WebAssembly on V8's baseline compiler (Liftoff). The only WebAssembly the bot runs is undici's
 * HTTP response parser (llhttp), behind fetch and every platform SDK's requests. Left to itself, V8
 * recompiles its parsing function with TurboFan on a background thread once it is warm, which takes
 * about 36 MB of compiler memory from that thread's malloc arena; glibc often keeps 10 MB of it
 * resident for the life of the process (bench/RESULTS.md, memory of the production build). Parsing the
 * small responses of platform APIs is a microsecond either way. Call it before the first request.
 *
 * Two flags, because V8 reads them differently once running: `--liftoff-only` takes effect when set
 * at run time on Node 20 and 22 but not on 24; the largest tier-up budget (a function tiers up after
 * that much work) does on all three (checked with V8's %IsTurboFanFunction on 20.20, 22.23, 24.22).
 */
export function keepWebAssemblyOnBaselineCompiler(): void {
  setFlagsFromString("--liftoff-only");
  setFlagsFromString("--wasm-tiering-budget=2147483647");
}
