import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { giveawaysIn } from "../src/content/giveaways.ts";
import type { Question } from "../src/content/loader.ts";

const run = promisify(execFile);
const never = () => false;

function q(question: string, options: string[], answer = 0): Question {
  return {
    id: "q",
    topic: "t",
    difficulty: "medium",
    tags: ["t"],
    days: {},
    question,
    options: options.map((text, i) => ({ text, correct: i === answer })),
    explanation: "why",
    keep_order: false,
    answer,
  };
}

describe("the giveaway check", () => {
  it("flags a correct option far longer than the others, not one a few characters longer", () => {
    const stem = "Which protects a login form against credential stuffing?";
    expect(
      giveawaysIn(
        q(stem, [
          "Rate limits per account and per IP, with a CAPTCHA after failures",
          "A longer session TTL",
          "Gzip",
          "ETags",
        ]),
        never,
      ),
    ).toEqual([expect.stringContaining("far longer than the others (65 characters, the next 20)")]);
    expect(
      giveawaysIn(q(stem, ["Per-account rate limits", "A longer session TTL", "Gzip", "ETags"]), never),
    ).toEqual([]);
  });

  it("flags the only option repeating the stem's number, not a number every option uses", () => {
    const stem = "A queue's maxReceiveCount is 5 and one message always fails. What happens to it?";
    const alone = q(stem, [
      "After 5 tries it goes to a DLQ",
      "It is retried forever",
      "It is deleted at once",
      "It goes back to the producer",
    ]);
    expect(giveawaysIn(alone, never)).toEqual([`only the correct option repeats the stem's number "5"`]);
    const shared = q(stem, [
      "After 5 tries it goes to a DLQ",
      "After 5 tries it is deleted",
      "It is retried forever",
      "It goes back to the producer",
    ]);
    expect(giveawaysIn(shared, never)).toEqual([]);
  });

  it("flags the only option sharing a distinctive word with the stem, unless the bank uses it everywhere", () => {
    const stem = "Some edges have negative costs. Why is Dijkstra a bad fit?";
    const question = q(stem, [
      "It assumes no negative weights",
      "It needs integer weights",
      "It only works on trees",
      "It cannot handle cycles",
    ]);
    expect(giveawaysIn(question, never)).toEqual([
      `only the correct option shares the stem's word "negativ"`,
    ]);
    expect(giveawaysIn(question, (s) => s === "negativ")).toEqual([]);
  });

  it("flags the only option that hedges", () => {
    const stem = "What does eventual consistency promise a reader?";
    expect(
      giveawaysIn(
        q(stem, [
          "Reads may be stale for a while",
          "Reads are never stale",
          "Writes are refused",
          "Reads block",
        ]),
        never,
      ),
    ).toEqual([`only the correct option hedges ("may")`]);
    expect(
      giveawaysIn(
        q(stem, [
          "Reads may be stale for a while",
          "Reads can block for ever",
          "Writes are refused",
          "Reads block",
        ]),
        never,
      ),
    ).toEqual([]);
    expect(
      giveawaysIn(
        q(stem, ["Reads are stale for a while", "Reads cannot block", "Writes are refused"]),
        never,
      ),
    ).toEqual([]);
  });

  it("flags a correct option that restates the stem, and two options that say the same thing", () => {
    const restated = q("Which test runs normal steady load for many hours?", [
      "Steady normal load for many hours",
      "A spike test",
      "A stress test",
      "A smoke test",
    ]);
    expect(giveawaysIn(restated, never)).toContain("the correct option restates the stem");
    const twice = q("Which status code means created?", [
      "201",
      "The request timed out",
      "Request timed out",
      "404",
    ]);
    expect(giveawaysIn(twice, never)).toEqual(["options 2 and 3 say the same thing in other words"]);
    // The same words in another order are a different answer (a sequence, an output).
    expect(giveawaysIn(q("What does it print?", ["a, b, c", "c, b, a", "b, a, c"]), never)).toEqual([]);
  });
});

describe("npm run content:check and giveaways", () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const GIVEAWAY = [
    "  - id: dsa-giveaway-probe",
    "    difficulty: easy",
    "    tags: [dsa]",
    "    question: >-",
    "      A probe table holds 37 buckets after a resize. How many buckets does the probe table hold?",
    "    options:",
    "      - text: It holds 37 buckets",
    "        correct: true",
    "      - text: It holds a prime near twice the old size",
    "      - text: It holds a power of two",
    "      - text: It holds as many buckets as keys",
    "    explanation: >-",
    "      A deliberately broken question: the stem states the answer.",
  ];

  function copyWith(lines: string[]): string {
    dir = mkdtempSync(join(tmpdir(), "sg-giveaway-"));
    cpSync(resolve("content"), dir, { recursive: true });
    const file = join(dir, "quizzes/dsa.yaml");
    const text = readFileSync(file, "utf8");
    const at = text.indexOf("questions:\n") + "questions:\n".length;
    writeFileSync(file, text.slice(0, at) + lines.join("\n") + "\n" + text.slice(at));
    return dir;
  }

  async function check(root: string) {
    return run("npx", ["tsx", "src/content/check-cli.ts", root]).then(
      (ok) => ({ code: 0, stdout: ok.stdout, stderr: ok.stderr }),
      (err: { code: number; stdout: string; stderr: string }) => err,
    );
  }

  it("fails on a giveaway question, naming its file, line and reason, and passes once it is reviewed", async () => {
    const failed = await check(copyWith(GIVEAWAY));
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/quizzes\/dsa\.yaml:\d+:\d+ .*likely giveaway in "dsa-giveaway-probe"/);
    expect(failed.stderr).toContain(`only the correct option repeats the stem's number "37"`);
    expect(failed.stderr).toContain(`reviewed: { giveaway: "<why it is not one>" }`);
    rmSync(dir, { recursive: true, force: true });

    const reviewed = [
      ...GIVEAWAY,
      "    reviewed:",
      "      giveaway: The probe exists to show that a reviewed question passes.",
    ];
    const passed = await check(copyWith(reviewed));
    expect(passed.stderr).toBe("");
    expect(passed.code).toBe(0);
    expect(passed.stdout).toMatch(/content ok: .*; \d+ likely giveaway\(s\) reviewed as not/);
  }, 60_000);
});
