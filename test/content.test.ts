import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { ContentError, loadContent, planDays } from "../src/content/loader.ts";
import { OPTION_TEXT_MAX } from "../src/content/schemas.ts";

const run = promisify(execFile);
const CONTENT = resolve("content");

describe("the shipped content", () => {
  const content = loadContent(CONTENT);

  it("has the whole 30-day plan with its mock and review days", () => {
    const plan = content.plans.get("node-30-day");
    if (!plan) throw new Error("node-30-day missing");
    const days = planDays(plan);
    expect(days.map((d) => d.day)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(plan.weeks).toHaveLength(4);
    expect(days.filter((d) => d.kind === "mock").map((d) => d.day)).toEqual([7, 14, 21, 29]);
    expect(days.find((d) => d.day === 30)?.kind).toBe("review");
    for (const d of days.filter((x) => x.kind === "study")) {
      expect(d.study.length, `day ${d.day}`).toBeGreaterThan(0);
      expect(d.practice, `day ${d.day}`).toBeTruthy();
      expect(d.question, `day ${d.day}`).toBeTruthy();
    }
    for (const w of plan.weeks) expect(w.goal.length).toBeGreaterThan(10);
  });

  it("has at least 40 Node.js questions, each with one correct option that fits a button", () => {
    const node = [...content.questions.values()].filter((q) => q.topic === "nodejs");
    expect(node.length).toBeGreaterThanOrEqual(40);
    for (const q of node) {
      expect(
        q.options.filter((o) => o.correct),
        q.id,
      ).toHaveLength(1);
      expect(q.options[q.answer]?.correct, q.id).toBe(true);
      expect(q.explanation.length, q.id).toBeGreaterThan(20);
      for (const o of q.options) expect(o.text.length, q.id).toBeLessThanOrEqual(OPTION_TEXT_MAX);
    }
    const tags = new Set(node.flatMap((q) => q.tags));
    for (const area of [
      "event-loop",
      "microtasks",
      "streams",
      "buffers",
      "cluster",
      "worker-threads",
      "error-handling",
      "libuv",
      "memory",
      "async",
    ]) {
      expect(tags, area).toContain(area);
    }
    expect(new Set(node.map((q) => q.difficulty))).toEqual(new Set(["easy", "medium", "hard"]));
  });

  it("has at least 12 STAR prompts with a competency and what a strong answer shows", () => {
    expect(content.star.length).toBeGreaterThanOrEqual(12);
    for (const p of content.star) {
      expect(p.competency).toBeTruthy();
      expect(p.strong_answer.length).toBeGreaterThanOrEqual(2);
    }
    expect(new Set(content.star.map((p) => p.id)).size).toBe(content.star.length);
  });
});

describe("broken content", () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function copy(): string {
    dir = mkdtempSync(join(tmpdir(), "sg-content-"));
    cpSync(CONTENT, dir, { recursive: true });
    return dir;
  }

  function problemsOf(root: string) {
    try {
      loadContent(root);
    } catch (err) {
      if (err instanceof ContentError) return err.problems;
      throw err;
    }
    throw new Error("content loaded without problems");
  }

  /** Replaces the first occurrence of `from` in a file and returns the 1-based line it was on. */
  function edit(file: string, from: string, to: string): number {
    const path = join(dir, file);
    const text = readFileSync(path, "utf8");
    const at = text.indexOf(from);
    if (at < 0) throw new Error(`"${from}" not in ${file}`);
    writeFileSync(path, text.slice(0, at) + to + text.slice(at + from.length));
    return text.slice(0, at).split("\n").length;
  }

  it("names the file, line and field of a question with two correct options", () => {
    copy();
    const line = edit("quizzes/nodejs.yaml", "      - text:", "      - correct: true\n        text:");
    const problems = problemsOf(dir);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.file).toMatch(/quizzes\/nodejs\.yaml$/);
    expect(problems[0]?.field).toMatch(/^questions\.\d+\.options$/);
    expect(problems[0]?.message).toContain("exactly one correct option, has 2");
    expect(problems[0]?.line).toBeGreaterThanOrEqual(line - 12);
    expect(problems[0]?.line).toBeLessThanOrEqual(line);
  });

  it("points at the exact line of a bad value and of a YAML syntax error", () => {
    copy();
    const line = edit("plans/node-30-day.yaml", "kind: study", "kind: holiday");
    const [bad] = problemsOf(dir);
    expect(bad).toMatchObject({ line, field: "weeks.0.days.0.kind" });
    expect(bad?.message).toContain("study");

    copy();
    const syntaxLine = edit("star/behavioral.yaml", "prompts:", "prompts: [unclosed");
    const [syntax] = problemsOf(dir);
    expect(syntax?.file).toMatch(/star\/behavioral\.yaml$/);
    expect(syntax?.line).toBeGreaterThanOrEqual(syntaxLine);
  });

  it("reports duplicate ids, unknown plan days and unknown fields", () => {
    copy();
    const node = loadContent(CONTENT);
    const [first, second] = [...node.questions.values()].filter((q) => q.topic === "nodejs").map((q) => q.id);
    edit("quizzes/nodejs.yaml", `id: ${second}`, `id: ${first}`);
    edit("quizzes/nodejs.yaml", "node-30-day: [", "node-30-day: [31, ");
    edit("star/behavioral.yaml", "competency:", "colour: red\n    competency:");
    const messages = problemsOf(dir).map((p) => p.message);
    expect(messages).toContain(`duplicate question id "${first}"`);
    expect(messages).toContain('plan "node-30-day" has no day 31 (it has 30)');
    expect(messages.some((m) => m.includes("colour"))).toBe(true);
  });

  it("npm run content:check passes on the shipped content and fails on a broken copy", async () => {
    const ok = await run("npx", ["tsx", "src/content/check-cli.ts"]);
    expect(ok.stdout).toContain("content ok");
    copy();
    edit("quizzes/nodejs.yaml", "difficulty: easy", "difficulty: trivial");
    const failed = await run("npx", ["tsx", "src/content/check-cli.ts", dir]).then(
      () => undefined,
      (err: { code: number; stderr: string }) => err,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toMatch(/nodejs\.yaml:\d+:\d+ questions\.\d+\.difficulty: /);
    expect(failed?.stderr).toContain("content check failed: 1 problem(s)");
  });

  it("npm run content:check fails on a plan day with fewer than 5 questions, naming the plan file, line and day", async () => {
    copy();
    const plan = `# yaml-language-server: $schema=../schemas/plan.schema.json
id: thin-plan
title: A plan with a thin day
description: One study day whose tag only one question carries.
weeks:
  - week: 1
    title: Lighthouse keeping
    goal: Keep the lamp lit through a storm.
    days:
      - day: 1
        kind: study
        title: Lamp wicks
        study: [Trim the wick before dusk.]
        practice: Trim a wick.
        question: Why trim a wick?
        tags: [lamp-wicks]
`;
    writeFileSync(join(dir, "plans/thin-plan.yaml"), plan);
    writeFileSync(
      join(dir, "quizzes/lighthouse.yaml"),
      `# yaml-language-server: $schema=../schemas/quiz.schema.json
topic: lighthouse
title: Lighthouses
description: Keeping a lighthouse lamp burning.
questions:
  - id: lighthouse-wick-trim
    difficulty: easy
    tags: [lamp-wicks]
    question: A keeper sees soot on the lantern glass at midnight. What should be trimmed?
    options:
      - text: The wick
        correct: true
      - text: The lighthouse stairs
    explanation: A long wick smokes and leaves soot on the glass; trimming it stops the smoke.
`,
    );
    const dayLine = plan.split("\n").findIndex((l) => l.includes("- day: 1")) + 1;
    const failed = await run("npx", ["tsx", "src/content/check-cli.ts", dir]).then(
      () => undefined,
      (err: { code: number; stderr: string }) => err,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toContain(
      `plans/thin-plan.yaml:${dayLine}:9 weeks.0.days.0: day 1 has 1 of the 5 questions it needs (tags: lamp-wicks)`,
    );
    expect(failed?.stderr).toContain("content check failed: 1 problem(s)");
  });
});
