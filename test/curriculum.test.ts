import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { jsonSchemas } from "../src/content/json-schemas.ts";
import { loadContent, planDays } from "../src/content/loader.ts";
import { overLimits, similarQuestions, thinDays, untrainedTags } from "../src/content/quality.ts";
import { contentRenderings } from "../commands/content-renderings.ts";
import { PLATFORMS } from "../src/platforms.ts";
import { realContent } from "./support/harness.ts";

const CHECKS = PLATFORMS.map((p) => ({ platform: p.title, problems: p.limitProblems }));

describe("the curriculum", () => {
  const content = realContent();

  it("has the four plans, each day naming the quiz tags it trains", () => {
    expect([...content.plans.keys()].sort()).toEqual([
      "architect-4-week",
      "backend-roadmap-20-week",
      "fundamentals",
      "node-30-day",
    ]);
    expect(planDays(content.plans.get("architect-4-week") ?? ({ weeks: [] } as never))).toHaveLength(28);
    expect(content.plans.get("backend-roadmap-20-week")?.weeks).toHaveLength(20);
    for (const plan of content.plans.values()) {
      // Behavioral (STAR) days train no quiz topic; /star and /mock star serve them.
      const studyDays = planDays(plan).filter((d) => d.kind === "study" && !/STAR|behavio/i.test(d.title));
      for (const day of studyDays) expect(day.tags.length, `${plan.id} ${day.day}`).toBeGreaterThan(0);
    }
  });

  it("has at least 300 questions over at least 12 topics, 15 each, with mixed difficulty and code questions", () => {
    const questions = [...content.questions.values()];
    expect(questions.length).toBeGreaterThanOrEqual(300);
    expect(content.topics.size).toBeGreaterThanOrEqual(12);
    for (const [topic, file] of content.topics) {
      const ofTopic = questions.filter((q) => q.topic === topic);
      expect(ofTopic.length, topic).toBe(file.questionCount);
      expect(ofTopic.length, topic).toBeGreaterThanOrEqual(15);
      expect(new Set(ofTopic.map((q) => q.difficulty)), topic).toEqual(new Set(["easy", "medium", "hard"]));
    }
    for (const topic of [
      "nodejs",
      "databases",
      "caching",
      "express",
      "nestjs",
      "security",
      "api-design",
      "messaging",
      "system-design",
      "microservices",
      "devops",
      "testing",
      "design",
      "dsa",
    ]) {
      expect(content.topics.has(topic), topic).toBe(true);
    }
    expect(questions.filter((q) => q.question.includes("```")).length).toBeGreaterThanOrEqual(50);
  });

  it("has at least 40 STAR prompts over many competencies and the system-design prompts of the seeds", () => {
    expect(content.star.length).toBeGreaterThanOrEqual(40);
    expect(new Set(content.star.map((p) => p.competency)).size).toBeGreaterThanOrEqual(8);
    const designs = content.design.map((p) => p.id);
    for (const id of [
      "url-shortener",
      "real-time-chat",
      "e-commerce-backend",
      "notification-system",
      "rate-limiter",
      "distributed-task-scheduler",
      "payment-processing",
      "global-cdn",
      "video-streaming-service",
    ]) {
      expect(designs, id).toContain(id);
    }
  });

  it("has no two questions alike, every plan day with questions for its tags (at least 5), and every message fits every registered platform", () => {
    expect(similarQuestions(content)).toEqual([]);
    expect(untrainedTags(content)).toEqual([]);
    expect(thinDays(content)).toEqual([]);
    expect(overLimits(content, CHECKS, contentRenderings(content))).toEqual([]);
  });

  it("ships JSON Schemas that match the zod schemas (npm run content:schemas after changing one)", () => {
    for (const [name, schema] of Object.entries(jsonSchemas())) {
      const file = JSON.parse(readFileSync(resolve(`content/schemas/${name}.schema.json`), "utf8"));
      expect(file, name).toEqual(schema);
    }
    for (const folder of ["plans", "quizzes", "star", "system-design"]) {
      for (const name of readdirSync(resolve("content", folder))) {
        expect(readFileSync(resolve("content", folder, name), "utf8"), name).toMatch(
          /^# yaml-language-server: \$schema=\.\.\/schemas\/\w+\.schema\.json\n/,
        );
      }
    }
  });
});

describe("curriculum checks catch authoring mistakes", () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function copy(): string {
    dir = mkdtempSync(join(tmpdir(), "sg-curriculum-"));
    cpSync(resolve("content"), dir, { recursive: true });
    return dir;
  }

  function append(file: string, text: string): number {
    const path = join(dir, file);
    const before = readFileSync(path, "utf8");
    writeFileSync(path, before + text);
    return before.split("\n").length;
  }

  it("reports a near-duplicate question at its line", () => {
    copy();
    const line = append(
      "quizzes/nodejs.yaml",
      `  - id: near-duplicate-check-phase
    difficulty: easy
    tags: [event-loop]
    question: In which phase of the Node.js event loop do setImmediate callbacks execute?
    options:
      - text: The check phase
        correct: true
      - text: The timers phase
      - text: The poll phase
      - text: The close callbacks phase
    explanation: Check runs right after poll, which is where setImmediate callbacks wait.
`,
    );
    const problems = similarQuestions(loadContent(dir));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: expect.stringMatching(/quizzes\/nodejs\.yaml$/), line });
    expect(problems[0]?.message).toMatch(
      /"near-duplicate-check-phase" is nearly the same as "event-loop-check-phase"/,
    );
  });

  it("reports a plan day whose tags no question trains, and a day too long for Discord", () => {
    copy();
    const path = join(dir, "plans/node-30-day.yaml");
    const text = readFileSync(path, "utf8").replace(
      "tags: [event-loop, microtasks]",
      "tags: [event-loop, quantum-computing]",
    );
    writeFileSync(path, text);
    const content = loadContent(dir);
    const [untrained] = untrainedTags(content);
    expect(untrained?.message).toBe("day 1 trains tags with no questions: quantum-computing");
    expect(untrained?.file).toMatch(/plans\/node-30-day\.yaml$/);

    const plan = content.plans.get("node-30-day");
    const day = plan?.weeks[0]?.days[1];
    if (!day) throw new Error("no day 2");
    day.study = Array.from({ length: 20 }, (_, i) => `${i}: ${"a long study point ".repeat(15)}`);
    const problems = overLimits(content, CHECKS, contentRenderings(content)).filter((p) =>
      p.message.includes("Discord"),
    );
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]?.field).toBe("weeks.0.days.1");
  });

  it("reports a plan day fewer than 5 questions train, counting tags and days named by a question", () => {
    const content = loadContent(resolve("content"));
    const questions = [...content.questions.values()];
    const [first, second, third] = questions;
    if (!first || !second || !third) throw new Error("too few questions");
    first.tags = [...first.tags, "lamp-wicks"];
    second.tags = [...second.tags, "lamp-wicks"];
    third.days = { ...third.days, "thin-plan": [3] };
    const day = (n: number, tags: string[]) => ({
      day: n,
      kind: "study" as const,
      title: `Day ${n}`,
      study: ["Read."],
      practice: "Practise.",
      question: "Why?",
      tags,
    });
    content.plans.clear();
    content.plans.set("thin-plan", {
      id: "thin-plan",
      title: "Thin",
      description: "A plan with thin days.",
      weeks: [
        {
          week: 1,
          title: "Week 1",
          goal: "Check the rule.",
          days: [day(1, ["event-loop"]), day(2, ["lamp-wicks"]), day(3, []), day(4, [])],
        },
      ],
    });
    expect(thinDays(content).map((p) => p.message)).toEqual([
      "day 2 has 2 of the 5 questions it needs (tags: lamp-wicks)",
      "day 3 has 1 of the 5 questions it needs (no tags)",
    ]);
    expect(thinDays(content, 1)).toEqual([]);
  });
});
