import { execFile } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);

/** Files that break one rule each, written into the tree for one cruise and removed after it. */
const WRONG: Record<string, { file: string; source: string }> = {
  "core-imports-only-core": {
    file: "src/core/zz-wrong-import.ts",
    source: 'export type { Store } from "../store/store.ts";\n',
  },
  "adapters-imports-only-core": {
    file: "src/adapters/discord/zz-wrong-import.ts",
    source: 'export { createApp } from "../../app.ts";\n',
  },
  "commands-no-cross-feature": {
    file: "commands/star/zz-wrong-import.ts",
    source: 'export { startRound } from "../quiz/round.ts";\n',
  },
  "not-to-test": {
    file: "src/zz-wrong-import.ts",
    source: 'export { harness } from "../test/support/harness.ts";\n',
  },
};

describe("the dependency rules (npm run lint:deps)", () => {
  it("fail on a wrong-way import, naming the rule it breaks", async () => {
    for (const { file, source } of Object.values(WRONG)) writeFileSync(file, source);
    try {
      const files = Object.values(WRONG).map((w) => w.file);
      const result = await run("npx", ["depcruise", "--config", ".dependency-cruiser.cjs", ...files]).then(
        () => ({ failed: false, output: "" }),
        (err: { stdout: string }) => ({ failed: true, output: err.stdout }),
      );
      expect(result.failed).toBe(true);
      for (const [rule, { file }] of Object.entries(WRONG)) {
        expect(result.output).toMatch(new RegExp(`error ${rule}: ${file.replace(/[.]/g, "[.]")} →`));
      }
    } finally {
      for (const { file } of Object.values(WRONG)) rmSync(file, { force: true });
    }
  }, 60_000);
});
