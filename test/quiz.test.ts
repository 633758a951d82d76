import { afterEach, describe, expect, it } from "vitest";
import { buttonLabel } from "../src/core/plain-text.ts";
import type { Message } from "../src/core/model.ts";
import { buttonsOf, type Harness, harness, realContent } from "./support/harness.ts";

function roundIdOf(message: Message): string {
  const action = buttonsOf(message).find((b) => b.action.startsWith("quiz.answer:"))?.action;
  if (!action) throw new Error("no answer buttons");
  return action.split(":")[1] as string;
}

describe("/quiz", () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  async function startRound(topic = "nodejs") {
    const alice = h.member("alice");
    const posted = await h.command(alice, "quiz", topic);
    expect(posted.kind).toBe("reply");
    const roundId = roundIdOf(posted.message);
    const round = await h.store.getRound(`test:w1:c1`, roundId);
    if (!round) throw new Error("round not stored");
    const question = realContent().questions.get(round.questionId);
    if (!question) throw new Error("question missing");
    return { alice, posted, roundId, round, question };
  }

  it("posts a question with one button per option and a close button", async () => {
    h = await harness();
    const { posted, roundId, question } = await startRound();
    const buttons = buttonsOf(posted.message);
    expect(buttons.map((b) => b.action)).toEqual([
      ...question.options.map((_, i) => `quiz.answer:${roundId}:${i}`),
      `quiz.close:${roundId}`,
    ]);
    expect(posted.text).toContain(question.question.slice(0, 40));
    // Within the shortest label limit (Slack's 75): a long option shows its letter there instead.
    for (const b of buttons) expect(buttonLabel(b, 75).length).toBeLessThanOrEqual(75);
    for (const b of buttons.slice(0, -1)) expect(buttonLabel(b, 75)).toMatch(/^[A-E]( · .+)?$/);
    expect(question.topic).toBe("nodejs");
  });

  it("takes one answer per member, says so privately on a second click, and shows results when closed", async () => {
    h = await harness();
    const { alice, roundId, round, question, posted } = await startRound();
    const wrong = (round.answer + 1) % question.options.length;
    const bob = h.member("bob");
    const carol = h.member("carol");
    h.clock.advance(6_000);
    const first = await h.click(bob, `quiz.answer:${roundId}:${round.answer}`);
    expect(first).toMatchObject({ kind: "private", actor: "u-bob" });
    expect(first.text).toContain("locked in");
    const second = await h.click(bob, `quiz.answer:${roundId}:${wrong}`);
    expect(second.kind).toBe("private");
    expect(second.text).toContain("already answered");
    await h.click(carol, `quiz.answer:${roundId}:${wrong}`);

    // While the round is open, /leaderboard and /streak tell nobody who was right.
    const during = await h.command(carol, "leaderboard");
    expect(during.text).not.toContain("bob");
    expect(during.text).not.toContain("15");
    expect((await h.command(bob, "streak")).text).toContain("1 (0 correct)");

    // The starter closes the round early: the quiz message is replaced by the result.
    const closed = await h.click(alice, `quiz.close:${roundId}`);
    expect(closed.kind).toBe("update");
    expect(closed.text).toContain(`The answer is ${"ABCDE"[round.answer]}`);
    expect(closed.text).toContain(question.explanation.slice(0, 30));
    expect(closed.text).toContain("Got it right: 1 of 2");
    expect(closed.text).toContain("bob (+15)");
    expect(buttonsOf(closed.message)).toEqual([]);
    expect(posted.ref).toBeDefined();

    const late = await h.click(h.member("dave"), `quiz.answer:${roundId}:${round.answer}`);
    expect(late.kind).toBe("private");
    expect(late.text).toContain("has closed");

    const board = await h.store.leaderboard("test:w1:c1", { kind: "all" }, "u-bob", 10);
    expect(board.top.map((e) => [e.name, e.score])).toEqual([["bob", 15]]);
    expect((await h.command(carol, "leaderboard")).text).toContain("bob");
    expect((await h.command(bob, "streak")).text).toContain("1 (1 correct)");
  });

  it("lets only the starter or an organizer close a round early", async () => {
    h = await harness();
    const { roundId } = await startRound();
    const refused = await h.click(h.member("bob"), `quiz.close:${roundId}`);
    expect(refused.kind).toBe("private");
    expect(refused.text).toContain("Only the member who started this round");
    const byOrganizer = await h.click(h.member("olga", true), `quiz.close:${roundId}`);
    expect(byOrganizer.kind).toBe("update");
    const again = await h.click(h.member("olga", true), `quiz.close:${roundId}`);
    expect(again.text).toContain("already closed");
  });

  it("closes on time through the sweep and edits the original message once", async () => {
    h = await harness({ quizSeconds: 30 });
    const { roundId, posted, round } = await startRound();
    await h.click(h.member("bob"), `quiz.answer:${roundId}:${round.answer}`);
    h.clock.advance(29_999);
    await h.app.closer.sweep();
    expect(h.platform.delivered.filter((d) => d.kind === "edit")).toHaveLength(0);
    h.clock.advance(1);
    await Promise.all([h.app.closer.sweep(), h.app.closer.sweep()]);
    const edits = h.platform.delivered.filter((d) => d.kind === "edit");
    expect(edits).toHaveLength(1);
    expect(edits[0]?.ref).toEqual(posted.ref);
    expect(edits[0]?.text).toContain("Got it right: 1 of 1");
    const late = await h.click(h.member("carol"), `quiz.answer:${roundId}:${round.answer}`);
    expect(late.text).toContain("has closed");
  });

  it("closes a round that a click finds past its time, even when no timer fired", async () => {
    h = await harness({ quizSeconds: 10 });
    const { roundId, round } = await startRound();
    h.clock.advance(10_000);
    const late = await h.click(h.member("bob"), `quiz.answer:${roundId}:${round.answer}`);
    expect(late.text).toContain("has closed");
    expect(h.platform.delivered.filter((d) => d.kind === "edit")).toHaveLength(1);
  });

  it("picks a question for today's plan topic when no topic is given", async () => {
    h = await harness({ now: "2026-03-02T12:00:00Z" });
    const content = realContent();
    const plan = content.plans.get("node-30-day");
    const day1 = plan?.weeks[0]?.days[0];
    for (let i = 0; i < 5; i++) {
      const posted = await h.command(h.member("alice"), "quiz");
      const round = await h.store.getRound("test:w1:c1", roundIdOf(posted.message));
      const q = content.questions.get(round?.questionId ?? "");
      const trains = q?.days["node-30-day"]?.includes(1) || q?.tags.some((t) => day1?.tags.includes(t));
      expect(trains).toBe(true);
    }
  });

  it("avoids repeating recent questions", async () => {
    h = await harness();
    const seen = new Set<string>();
    for (let i = 0; i < 15; i++) {
      const posted = await h.command(h.member("alice"), "quiz", "nodejs");
      const round = await h.store.getRound("test:w1:c1", roundIdOf(posted.message));
      seen.add(round?.questionId ?? "");
    }
    expect(seen.size).toBe(15);
  });

  it("finds a topic by its title, spaces included", async () => {
    h = await harness();
    const posted = await h.command(h.member("alice"), "quiz", "System Design");
    expect(posted.text).toContain("Quiz · System design");
  });

  it("answers an unknown topic, an expired round and forged buttons clearly", async () => {
    h = await harness();
    const alice = h.member("alice");
    const unknown = await h.command(alice, "quiz", "cobol");
    expect(unknown.kind).toBe("private");
    expect(unknown.text).toContain('There is no quiz topic "cobol"');
    expect(unknown.text).toContain("nodejs");

    const expired = await h.click(alice, "quiz.answer:zzzzzzzz:1");
    expect(expired.text).toContain("expired or does not exist");
    for (const forged of [
      "quiz.answer",
      "quiz.answer:abc",
      "quiz.answer:abc:x",
      "quiz.answer:ABC:1",
      "quiz.answer:abc:-1",
      "quiz.answer:abc:1:2",
      "quiz.close",
      "zz:1",
      "",
      "quiz.close:a:b",
    ]) {
      const reply = await h.click(alice, forged);
      expect(reply.kind, forged).toBe("private");
      expect(reply.text, forged).toMatch(/not one of mine|expired or does not exist/);
    }
  });

  it("keeps groups apart: a round in one channel cannot be answered from another", async () => {
    h = await harness();
    const { roundId, round } = await startRound();
    const elsewhere = { ...h.place, channel: "c2" };
    const reply = await h.click(h.member("bob"), `quiz.answer:${roundId}:${round.answer}`, elsewhere);
    expect(reply.text).toContain("expired or does not exist");
  });
});

describe("publishing a result", () => {
  it("keeps a result nobody could see and publishes it on a later sweep", async () => {
    const h = await harness({ quizSeconds: 30 });
    try {
      const posted = await h.command(h.member("alice"), "quiz", "nodejs");
      const roundId = roundIdOf(posted.message);
      const outbox = h.platform;
      expect(await h.store.getRound("test:w1:c1", roundId)).toBeDefined();
      const realEdit = outbox.edit.bind(outbox);
      const realPost = outbox.post.bind(outbox);
      // The platform refuses both the edit and the fallback post for a while.
      outbox.edit = async () => {
        throw new Error("platform down");
      };
      outbox.post = async () => {
        throw new Error("platform down");
      };
      h.clock.advance(30_000);
      await h.app.closer.sweep();
      expect(h.platform.delivered.filter((d) => d.kind === "edit")).toHaveLength(0);
      outbox.edit = realEdit;
      outbox.post = realPost;
      h.clock.advance(29_000);
      await h.app.closer.sweep();
      expect(h.platform.delivered.filter((d) => d.kind === "edit")).toHaveLength(0);
      h.clock.advance(1_000);
      await h.app.closer.sweep();
      const edits = h.platform.delivered.filter((d) => d.kind === "edit");
      expect(edits).toHaveLength(1);
      expect(edits[0]?.ref?.id).toBe(posted.ref?.id);
      expect(edits[0]?.text).toContain("Quiz closed");
      expect(await h.store.dueRounds(h.clock.now() + 60_000, 10)).toEqual([]);
    } finally {
      await h.close();
    }
  });
});
