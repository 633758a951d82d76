import { spawn } from "node:child_process";
import { afterEach, expect, inject, it } from "vitest";
import { shortId } from "../src/core/ids.ts";
import { buttonsOf, type Harness, harness } from "./support/harness.ts";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
});

it("finishes the members' memory update in another process when the closing one dies right after the close", async () => {
  const prefix = `t${shortId(10)}`;
  h = await harness({ prefix, quizSeconds: 60 });
  const group = "test:w1:c1";
  const posted = await h.command(h.member("alice"), "quiz", "nodejs");
  const roundId = buttonsOf(posted.message)[0]?.action.split(":")[1] ?? "";
  const round = await h.store.getRound(group, roundId);
  if (!round) throw new Error("no round");
  const wrong = (round.answer + 1) % round.optionCount;
  await h.click(h.member("bob"), `quiz.answer:${roundId}:${round.answer}`);
  await h.click(h.member("carol"), `quiz.answer:${roundId}:${wrong}`);
  h.clock.advance(61_000);

  const child = spawn(process.execPath, ["--import", "tsx", "test/support/close-then-die.ts"], {
    env: {
      ...process.env,
      REDIS_URL: inject("redisUrl"),
      PREFIX: prefix,
      GROUP: group,
      ROUND: roundId,
      NOW: String(h.clock.now()),
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const signal = await new Promise<NodeJS.Signals | null>((done) => child.once("exit", (_, s) => done(s)));
  expect(signal, stderr).toBe("SIGKILL");

  // It closed the round and paid the points, but died before anyone's memory was updated.
  const board = await h.store.leaderboard(group, { kind: "all" }, "u-bob", 10);
  expect(board.top.map((e) => e.memberId)).toEqual(["u-bob"]);
  const paid = board.top[0]?.score;
  expect(await h.store.memoryCards(group, "u-bob")).toEqual(new Map());
  expect(await h.store.dueRounds(h.clock.now(), 10)).toEqual([{ group, roundId }]);

  // The next pass of this process's round closer finishes it, once.
  await h.app.closer.sweep();
  expect((await h.store.memoryCards(group, "u-bob")).get(round.questionId)).toMatchObject({ correct: 1 });
  expect((await h.store.memoryCards(group, "u-carol")).get(round.questionId)).toMatchObject({ correct: 0 });
  expect(await h.store.dueRounds(h.clock.now(), 10)).toEqual([]);
  await h.app.closer.sweep();
  expect((await h.store.memoryCards(group, "u-bob")).get(round.questionId)?.answers).toBe(1);
  expect((await h.store.leaderboard(group, { kind: "all" }, "u-bob", 10)).top[0]?.score).toBe(paid);
});

it("counts the round in the day's statistics once when the closing process dies before counting it", async () => {
  const prefix = `t${shortId(10)}`;
  h = await harness({ prefix, quizSeconds: 60 });
  const group = "test:w1:c1";
  const posted = await h.command(h.member("alice"), "quiz", "nodejs");
  const roundId = buttonsOf(posted.message)[0]?.action.split(":")[1] ?? "";
  const round = await h.store.getRound(group, roundId);
  if (!round) throw new Error("no round");
  await h.click(h.member("bob"), `quiz.answer:${roundId}:${round.answer}`);
  await h.click(h.member("carol"), `quiz.answer:${roundId}:${(round.answer + 1) % round.optionCount}`);
  h.clock.advance(61_000);
  const child = spawn(process.execPath, ["--import", "tsx", "test/support/close-then-die.ts"], {
    env: {
      ...process.env,
      REDIS_URL: inject("redisUrl"),
      PREFIX: prefix,
      GROUP: group,
      ROUND: roundId,
      NOW: String(h.clock.now()),
      DIE_AT: "stats",
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  const signal = await new Promise<NodeJS.Signals | null>((done) => child.once("exit", (_, s) => done(s)));
  expect(signal).toBe("SIGKILL");
  const day = "2026-03-02";
  expect((await h.store.dayStats(group, [day]))[0]?.questions.size).toBe(0);

  await h.app.closer.sweep();
  await h.app.closer.sweep();
  const [stats] = await h.store.dayStats(group, [day]);
  expect(stats?.questions.get(round.questionId)).toEqual({ answers: 2, correct: 1 });
  expect(stats?.members.get("u-bob")?.get("nodejs")).toEqual({ answers: 1, correct: 1 });
});
