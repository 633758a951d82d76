import { afterEach, describe, expect, it } from "vitest";
import { progressSummary } from "../src/app/progress.ts";
import { cardTopics } from "../commands/progress/card-topics.ts";
import { topicMastery, weakestTopics } from "../src/domain/mastery.ts";
import { review } from "../src/domain/memory.ts";
import { buttonsOf, type Harness, harness, realContent } from "./support/harness.ts";

const G = "test:w1:c1";

describe("topic mastery", () => {
  it("counts per topic seen of the bank, accuracy, mastered and due, and orders the weakest", () => {
    const questions = new Map([
      ["a1", { topic: "a" }],
      ["a2", { topic: "a" }],
      ["b1", { topic: "b" }],
      ["c1", { topic: "c" }],
    ]);
    const day = Date.parse("2026-05-04T10:00:00Z");
    let strong = review(undefined, true, day - 30 * 86_400_000, "UTC");
    for (let i = 0; i < 3; i++)
      strong = review(strong, true, Date.parse(`${strong.dueDay}T08:00:00Z`), "UTC");
    const cards = new Map([
      ["a1", strong],
      ["a2", review(undefined, false, day - 86_400_000, "UTC")],
      ["b1", review(undefined, false, day - 86_400_000, "UTC")],
      ["gone", strong],
    ]);
    const now = Date.parse(`${strong.lastDay}T12:00:00Z`) + 86_400_000;
    const topics = topicMastery(questions, cards, Math.max(now, day), "UTC");
    expect(topics.map((t) => [t.topic, t.bank, t.seen])).toEqual([
      ["a", 2, 2],
      ["b", 1, 1],
      ["c", 1, 0],
    ]);
    const a = topics.find((t) => t.topic === "a");
    expect(a).toMatchObject({ answers: 5, correct: 4, accuracy: 0.8 });
    expect(topics.find((t) => t.topic === "b")).toMatchObject({ accuracy: 0, due: 1, mastered: 0 });
    expect(topics.find((t) => t.topic === "c")?.accuracy).toBeUndefined();
    expect(weakestTopics(topics).map((t) => t.topic)).toEqual(["b", "a"]);
  });
});

describe("/progress", () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it("shows privately per topic what the member has seen, got right, mastered and has due, and what to practise", async () => {
    h = await harness();
    const bob = h.member("bob");
    const empty = await h.command(bob, "progress");
    expect(empty.kind).toBe("private");
    expect(empty.text).toContain("Nothing answered yet");

    for (const topic of ["databases", "caching"]) {
      const posted = await h.command(h.member("alice"), "quiz", topic);
      const roundId = buttonsOf(posted.message)[0]?.action.split(":")[1] ?? "";
      const round = await h.store.getRound(G, roundId);
      if (!round) throw new Error("no round");
      const choice = topic === "caching" ? round.answer : (round.answer + 1) % round.optionCount;
      await h.click(bob, `quiz.answer:${roundId}:${choice}`);
      h.clock.advance(61_000);
      await h.app.closer.sweep();
    }
    h.clock.advance(24 * 3600_000);
    const shown = await h.command(bob, "progress");
    const bank = (t: string) => realContent().topics.get(t)?.questionCount;
    expect(shown.text).toContain(`1 of ${bank("databases")} seen · 0% right · 0 mastered · 1 due`);
    expect(shown.text).toMatch(new RegExp(`1 of ${bank("caching")} seen · 100% right`));
    expect(shown.text).toContain("Weakest topics");
    expect(shown.text).toContain("Next: /practice databases");

    const summary = await progressSummary(h.app.services, G, "u-bob", h.clock.now());
    expect(summary).toMatchObject({ seen: 2, answers: 2, correct: 1, suggestion: "databases" });
    // Caching, always answered right, is not weak.
    expect(summary.weakest.map((t) => t.topic)).toEqual(["databases"]);
    expect(summary.due).toBeGreaterThanOrEqual(1);

    // Reminders and digests read the same memory.
    const { insight } = h.app.services;
    expect(await insight.dueReviews(G, "u-bob", h.clock.now())).toBe(summary.due);
    expect(await insight.weakestTopics(G, "u-bob", h.clock.now(), 1)).toEqual(["databases"]);
    expect(await insight.weakestTopics(G, "u-nobody", h.clock.now(), 3)).toBeUndefined();
  });
});

describe("the progress card's topics", () => {
  it("come from the /progress summary: mastered share of seen, and accuracy, per topic seen", () => {
    const topic = (title: string, seen: number, mastered: number, answers: number, correct: number) => ({
      topic: title.toLowerCase(),
      title,
      bank: 10,
      seen,
      answers,
      correct,
      mastered,
      due: 0,
    });
    const summary = {
      group: G,
      memberId: "m",
      timezone: "UTC",
      topics: [topic("Caching", 4, 1, 6, 3), topic("Databases", 0, 0, 0, 0)],
      weakest: [],
      seen: 4,
      bank: 20,
      mastered: 1,
      due: 0,
      answers: 6,
      correct: 3,
    };
    expect(cardTopics(summary)).toEqual({
      mastery: [{ topic: "Caching", mastery: 0.25, answers: 6 }],
      topicAnswers: [{ topic: "Caching", answers: 6, correct: 3 }],
    });
  });
});
