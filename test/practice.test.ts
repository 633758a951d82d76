import { afterEach, describe, expect, it } from "vitest";
import type { Message } from "../src/core/model.ts";
import { GOOD_YAML } from "./support/acme-bank.ts";
import { buttonsOf, type Harness, harness, realContent } from "./support/harness.ts";

const G = "test:w1:c1";

function answerButtons(message: Message): string[] {
  return buttonsOf(message)
    .map((b) => b.action)
    .filter((a) => a.startsWith("practice.answer:"));
}

describe("/practice", () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  /** The shown index of the right option of the session's current question, and a wrong one. */
  async function options(memberId: string) {
    const session = await h.store.practiceSession(G, memberId);
    if (!session) throw new Error("no session");
    const question = realContent().questions.get(session.questions[session.step] ?? "");
    if (!question) throw new Error("no question");
    const right = session.order.indexOf(question.answer);
    return { session, question, right, wrong: (right + 1) % question.options.length };
  }

  it("asks privately one question at a time, tells at once whether it was right, and ends on Stop", async () => {
    h = await harness();
    const ann = h.member("ann");
    const first = await h.command(ann, "practice");
    expect(first.kind).toBe("private");
    expect(first.text).toContain("Practice 1 of 10");
    const { session, question, right } = await options("u-ann");
    expect(answerButtons(first.message)).toEqual(
      question.options.map((_, i) => `practice.answer:${session.id}:0:${i}`),
    );
    // Nothing known yet: the questions come from today's plan day (day 1: the event loop).
    expect(realContent().questions.get(session.questions[0] ?? "")?.topic).toBe("nodejs");

    const feedback = await h.click(ann, `practice.answer:${session.id}:0:${right}`);
    expect(feedback.kind).toBe("private");
    expect(feedback.text).toContain("Right");
    expect(feedback.text).toContain("+2 points");
    expect(feedback.text).toContain(question.explanation.slice(0, 30));
    expect(buttonsOf(feedback.message).map((b) => b.action)).toEqual([
      `practice.next:${session.id}:0`,
      `practice.stop:${session.id}`,
    ]);
    // A second click on the same question changes nothing.
    const again = await h.click(ann, `practice.answer:${session.id}:0:${right}`);
    expect(again.text).toContain("answered that question already");

    const second = await h.click(ann, `practice.next:${session.id}:0`);
    expect(second.text).toContain("Practice 2 of 10");
    const next = await options("u-ann");
    const wrongly = await h.click(ann, `practice.answer:${session.id}:1:${next.wrong}`);
    expect(wrongly.text).toContain("Not quite");
    expect(wrongly.text).toContain(next.question.explanation.slice(0, 30));

    const done = await h.click(ann, `practice.stop:${session.id}`);
    expect(done.text).toContain("1 of 2 right");
    expect((await h.click(ann, `practice.next:${session.id}:1`)).text).toContain("has ended");

    // It counts for the streak and the memory; the points reach the board at once (it is private).
    expect(await h.store.memberStats(G, "u-ann")).toMatchObject({ current: 1 });
    expect((await h.store.memoryCards(G, "u-ann")).size).toBe(2);
    expect((await h.store.leaderboard(G, { kind: "all" }, "u-ann", 10)).me?.score).toBe(2);
  });

  it("asks what is due first, then new questions from the member's weakest topic", async () => {
    h = await harness();
    const bob = h.member("bob");
    // A group round on databases answered wrongly: that question falls due tomorrow.
    const posted = await h.command(h.member("alice"), "quiz", "databases");
    const roundId = buttonsOf(posted.message)[0]?.action.split(":")[1] ?? "";
    const round = await h.store.getRound(G, roundId);
    if (!round) throw new Error("no round");
    await h.click(bob, `quiz.answer:${roundId}:${(round.answer + 1) % round.optionCount}`);
    h.clock.advance(61_000);
    await h.app.closer.sweep();
    expect(await h.store.dueCount(G, "u-bob", h.clock.now())).toBe(0);
    h.clock.advance(24 * 3600_000);
    expect(await h.store.dueQuestions(G, "u-bob", h.clock.now(), 10)).toEqual([round.questionId]);

    const first = await h.command(bob, "practice");
    expect(first.text).toContain("· review");
    const { session } = await options("u-bob");
    expect(session.questions[0]).toBe(round.questionId);
    const topics = session.questions.slice(1).map((id) => realContent().questions.get(id)?.topic);
    expect(topics.every((t) => t === "databases")).toBe(true);
  });

  it("reviews a missed question of the group's own bank, practises its topic, and shows it in /progress", async () => {
    h = await harness();
    const [olga, dan] = [h.member("olga", true), h.member("dan")];
    const imported = await h.submit(olga, "bank.import:group:auto", { text: GOOD_YAML });
    expect(imported.text).toContain("Imported 2 question(s) on acme-onsite");
    const posted = await h.command(olga, "quiz", "acme-onsite");
    const roundId = buttonsOf(posted.message)[0]?.action.split(":")[1] ?? "";
    const round = await h.store.getRound(G, roundId);
    if (!round) throw new Error("no round");
    expect(round.questionId.startsWith("acme-")).toBe(true);
    await h.click(dan, `quiz.answer:${roundId}:${(round.answer + 1) % round.optionCount}`);
    h.clock.advance(61_000);
    await h.app.closer.sweep();
    h.clock.advance(24 * 3600_000);

    const review = await h.command(dan, "practice");
    expect(review.text).toContain("Practice 1 of 10");
    expect(review.text).toContain("acme-onsite · review");
    const session = await h.store.practiceSession(G, "u-dan");
    expect(session?.questions[0]).toBe(round.questionId);

    const own = await h.command(dan, "practice", "acme-onsite");
    expect(own.text).toContain("Practice 1 of 2");
    const topic = await h.store.practiceSession(G, "u-dan");
    expect([...(topic?.questions ?? [])].sort()).toEqual(["acme-index-choice", "acme-queue-choice"]);
    const unknown = await h.command(dan, "practice", "astrology");
    expect(unknown.text).toContain("acme-onsite");

    const progress = await h.command(dan, "progress");
    expect(progress.text).toContain("acme-onsite");
  });

  it("practises one topic when asked, and names the topics for an unknown one", async () => {
    h = await harness();
    const cy = h.member("cy");
    await h.command(cy, "practice", "caching");
    const { session } = await options("u-cy");
    expect(session.questions.map((id) => realContent().questions.get(id)?.topic)).toEqual(
      Array(10).fill("caching"),
    );
    const unknown = await h.command(cy, "practice", "astrology");
    expect(unknown.text).toContain('There is no practice topic "astrology"');
  });

  it("gives 2 points a right answer, at most 20 a day", async () => {
    h = await harness();
    const dee = h.member("dee");
    let total = 0;
    for (let s = 0; s < 2; s++) {
      await h.command(dee, "practice");
      for (let step = 0; step < 10; step++) {
        const { session, right } = await options("u-dee");
        const shown = await h.click(dee, `practice.answer:${session.id}:${step}:${right}`);
        const points = /\+(\d+) points/.exec(shown.text)?.[1];
        total += Number(points ?? 0);
        if (step < 9) await h.click(dee, `practice.next:${session.id}:${step}`);
      }
    }
    expect(total).toBe(20);
    expect((await h.store.leaderboard(G, { kind: "all" }, "u-dee", 10)).me?.score).toBe(20);
    expect(await h.store.memberStats(G, "u-dee")).toMatchObject({ current: 1 });
  });
});
