import { afterEach, expect, it } from "vitest";
import { buttonsOf, type Harness, harness, realContent } from "./support/harness.ts";

let h: Harness;
afterEach(async () => {
  await h.close();
});

it("counts each of 100 members once when 200 answers arrive at the same time, with exact scores", async () => {
  h = await harness({ quizSeconds: 60 });
  const posted = await h.command(h.member("starter"), "quiz", "nodejs");
  const roundId = buttonsOf(posted.message)[0]?.action.split(":")[1] ?? "";
  const round = await h.store.getRound("test:w1:c1", roundId);
  const question = realContent().questions.get(round?.questionId ?? "");
  if (!round || !question) throw new Error("no round");
  const optionCount = question.options.length;
  h.clock.advance(30_000); // half the round left: 10 + ceil(5 * 0.5) = 13 points for a correct answer

  const members = Array.from({ length: 100 }, (_, i) => h.member(`m${i}`));
  // Each member clicks twice with different options; whichever click lands first is the one that counts.
  const clicks = members.flatMap((m, i) => [
    h.platform.event(m, h.place, { kind: "button", action: `quiz.answer:${roundId}:${i % optionCount}` }),
    h.platform.event(m, h.place, {
      kind: "button",
      action: `quiz.answer:${roundId}:${(i + 1) % optionCount}`,
    }),
  ]);
  h.platform.clear();
  const outcomes = await Promise.all(clicks.map((e) => h.app.bot.handle(e)));
  expect(outcomes.every((o) => o === "ok")).toBe(true);

  const replies = h.platform.delivered.filter((d) => d.kind === "private");
  expect(replies).toHaveLength(200);
  for (const m of members) {
    const mine = replies.filter((r) => r.actor === m.id).map((r) => r.text);
    expect(mine.filter((t) => t.includes("locked in"))).toHaveLength(1);
    expect(mine.filter((t) => t.includes("already answered"))).toHaveLength(1);
  }

  const closed = await h.store.closeRound("test:w1:c1", roundId);
  expect(closed?.answers).toHaveLength(100);
  const winners = closed?.answers.filter((a) => a.choice === round.answer) ?? [];
  for (const a of closed?.answers ?? []) expect(a.points).toBe(a.choice === round.answer ? 13 : 0);

  const board = await h.store.leaderboard("test:w1:c1", { kind: "all" }, "m0", 200);
  expect(board.members).toBe(winners.length);
  expect(board.top.every((e) => e.score === 13)).toBe(true);
  expect(new Set(board.top.map((e) => e.memberId))).toEqual(new Set(winners.map((w) => w.memberId)));
  for (const m of members) {
    const stats = await h.store.memberStats("test:w1:c1", m.id);
    expect(stats.answers).toBe(1);
  }
});
