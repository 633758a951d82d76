// Preloaded (--import) into a bot process by test/production-build.test.ts: appends the URL of every
// ES module the process loads to the file named by LOADED_FILES, one a line (the hooks run on
// node's loader thread, which can write files but not reach the main thread's stderr in order).
import { register } from "node:module";

register(new URL("./loaded-files-hooks.mjs", import.meta.url), { data: { file: process.env.LOADED_FILES } });
