import { afterEach, describe, expect, it } from "vitest";
import type { Content, Question, Topic } from "../src/content/model.ts";
import { optionOrder } from "../src/domain/option-order.ts";
import { blocksText, buttonsOf, type Harness, harness, realContent } from "./support/harness.ts";

const GROUP = "test:w1:c1";

/**
 * The Pearson statistic a fair spread exceeds with probability below 1e-9 (Wilson–Hilferty's
 * approximation of the chi-square quantile, z = 6.1), so a bound that fails only on a real bias.
 */
function chiSquareBound(degreesOfFreedom: number): number {
  const k = 2 / (9 * degreesOfFreedom);
  return degreesOfFreedom * (1 - k + 6.1 * Math.sqrt(k)) ** 3;
}

function pearson(observed: number[], expected: number): number {
  return observed.reduce((sum, o) => sum + (o - expected) ** 2 / expected, 0);
}

function question(id: string, topic: string, keepOrder: boolean): Question {
  return {
    id,
    topic,
    difficulty: "medium",
    tags: ["event-loop"],
    days: {},
    question: `Which of these comes second? (${id})`,
    options: [
      { text: "The first step", correct: false },
      { text: "The second step", correct: true },
      { text: "The third step", correct: false },
      { text: "The fourth step", correct: false },
    ],
    explanation: "The steps run in the order they are numbered, so the second comes second.",
    keep_order: keepOrder,
    answer: 1,
  };
}

/** The shipped plans with a bank of two topics: one question that shuffles, one that keeps its order. */
function twoQuestionContent(): Content {
  const shuffled = question("shuffled-steps", "shuffled", false);
  const ordered = question("ordered-steps", "ordered", true);
  const file = (q: Question): Topic => ({
    topic: q.topic,
    title: q.topic,
    description: "test topic",
    questionCount: 1,
  });
  return {
    ...realContent(),
    topics: new Map([
      ["shuffled", file(shuffled)],
      ["ordered", file(ordered)],
    ]),
    questions: new Map([
      [shuffled.id, shuffled],
      [ordered.id, ordered],
    ]),
  };
}

/** The options as the message lists them (letter and text, marks left out), in the order shown. */
function listedOptions(text: string): string[] {
  return [...text.matchAll(/^(?:✅ |▫️ )?([A-E])\. (.+)$/gm)].map((m) => `${m[1]} ${m[2]}`);
}

describe("the order a round shows its options in", () => {
  it("puts the correct option at each position equally often (40,000 shuffles)", () => {
    const q = question("q", "t", false);
    const counts = [0, 0, 0, 0];
    const rounds = 40_000;
    for (let i = 0; i < rounds; i++) {
      const order = optionOrder(q);
      if (i < 100) expect(order.toSorted()).toEqual([0, 1, 2, 3]);
      counts[order.indexOf(q.answer)]! += 1;
    }
    expect(pearson(counts, rounds / 4)).toBeLessThan(chiSquareBound(3));
  });

  it("gives every one of the 24 orders of four options (12,000 shuffles)", () => {
    const q = question("q", "t", false);
    const seen = new Map<string, number>();
    const rounds = 12_000;
    for (let i = 0; i < rounds; i++) {
      const key = optionOrder(q).join("");
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    expect(seen.size).toBe(24);
    expect(pearson([...seen.values()], rounds / 24)).toBeLessThan(chiSquareBound(23));
  });

  it("keeps a keep_order question as written", () => {
    const q = question("q", "t", true);
    for (let i = 0; i < 100; i++) expect(optionOrder(q)).toEqual([0, 1, 2, 3]);
  });
});

describe("/quiz with shuffled options", () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  async function start(topic: string) {
    const posted = await h.command(h.member("alice"), "quiz", topic);
    const roundId = buttonsOf(posted.message)[0]?.action.split(":")[1] ?? "";
    const round = await h.store.getRound(GROUP, roundId);
    if (!round) throw new Error("round not stored");
    return { posted, roundId, round };
  }

  it("spreads the correct option evenly over 2,000 rounds started through the bot", async () => {
    h = await harness({ content: twoQuestionContent() });
    const counts = [0, 0, 0, 0];
    const rounds = 2_000;
    for (let i = 0; i < rounds; i++) {
      const { posted, round } = await start("shuffled");
      // Where the message shows the correct option is where the round scores it.
      const shown = buttonsOf(posted.message).findIndex((b) => b.label.endsWith("The second step"));
      expect(shown).toBe(round.answer);
      counts[round.answer]! += 1;
    }
    expect(pearson(counts, rounds / 4)).toBeLessThan(chiSquareBound(3));
  }, 120_000);

  it("scores a click on the correct option wherever it was shown, and lists the result in that order", async () => {
    h = await harness({ content: twoQuestionContent() });
    let moved = 0;
    for (let i = 0; i < 12; i++) {
      const { posted, roundId } = await start("shuffled");
      const buttons = buttonsOf(posted.message).filter((b) => b.action.startsWith("quiz.answer:"));
      const right = buttons.findIndex((b) => b.label.endsWith("The second step"));
      if (right !== 1) moved++;
      const wrong = (right + 1) % buttons.length;
      expect(buttons[right]?.action).toBe(`quiz.answer:${roundId}:${right}`);
      await h.click(h.member("bob"), `quiz.answer:${roundId}:${right}`);
      await h.click(h.member("carol"), `quiz.answer:${roundId}:${wrong}`);

      const closed = await h.click(h.member("alice"), `quiz.close:${roundId}`);
      const letter = "ABCD"[right];
      expect(closed.text).toContain(`The answer is ${letter}`);
      expect(closed.text).toContain("Got it right: 1 of 2");
      expect(closed.text).toContain("bob (+");
      expect(closed.text).not.toContain("carol (+");
      // The result lists the options as the question showed them, the correct one marked.
      expect(listedOptions(closed.text)).toEqual(listedOptions(posted.text));
      expect(closed.text).toContain(`✅ ${letter}. The second step`);
      expect(closed.message.fallback).toContain(`The answer was ${letter}: The second step`);
    }
    // Twelve rounds all leaving the correct option where it was written: chance 1 in 4^12.
    expect(moved).toBeGreaterThan(0);
  });

  it("keeps a keep_order question's options where they are written", async () => {
    h = await harness({ content: twoQuestionContent() });
    for (let i = 0; i < 20; i++) {
      const { posted, round } = await start("ordered");
      expect(listedOptions(posted.text)).toEqual([
        "A The first step",
        "B The second step",
        "C The third step",
        "D The fourth step",
      ]);
      expect(round.answer).toBe(1);
    }
  });

  it("remembers the order with the round, so a result read back later agrees with the question", async () => {
    h = await harness({ content: twoQuestionContent() });
    const { posted, roundId, round } = await start("shuffled");
    expect(round.order?.toSorted()).toEqual([0, 1, 2, 3]);
    expect(round.order?.indexOf(1)).toBe(round.answer);
    h.clock.advance(60_000);
    await h.app.closer.sweep();
    const edit = h.platform.delivered.find((d) => d.kind === "edit");
    expect(listedOptions(posted.text)).toHaveLength(4);
    expect(listedOptions(edit?.text ?? "")).toEqual(listedOptions(posted.text));
    expect(blocksText(edit?.message ?? { blocks: [] })).toContain(`The answer is ${"ABCD"[round.answer]}`);
    expect(await h.store.getRound(GROUP, roundId)).toMatchObject({ order: round.order });
  });
});
