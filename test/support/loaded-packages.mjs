// Preloaded (--import) into a bot process by test/lazy-platforms.test.ts: on exit, names on stderr the
// npm packages the process loaded through require (CommonJS, including CommonJS imported from ESM).
import { writeSync } from "node:fs";
import { createRequire } from "node:module";

const { cache } = createRequire(import.meta.url);

process.on("exit", () => {
  const packages = new Set();
  for (const file of Object.keys(cache)) {
    const match = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(file);
    if (match) packages.add(match[1].replace("\\", "/"));
  }
  writeSync(2, `\nLOADED PACKAGES ${JSON.stringify([...packages].sort())}\n`);
});
