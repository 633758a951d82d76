import { setFlagsFromString } from "node:v8";

/**
 * Keeps WebAssembly on V8's baseline compiler (Liftoff). The only WebAssembly the bot runs is undici's
 * HTTP response parser (llhttp), behind fetch and every platform SDK's requests. Left to itself, V8
 * recompiles its parsing function with TurboFan on a background thread once it is warm, which takes
 * about 36 MB of compiler memory from that thread's malloc arena; glibc often keeps 10 MB of it
 * resident for the life of the process (bench/RESULTS.md, memory of the production build). Parsing the
 * small responses of platform APIs is a microsecond either way. Call it before the first request.
 */
export function keepWebAssemblyOnBaselineCompiler(): void {
  setFlagsFromString("--liftoff-only");
}
