import type { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it } from "vitest";
import { inject } from "vitest";
import { shortId } from "../src/core/ids.ts";
import { localDay } from "../src/domain/calendar.ts";
import { storedSettings } from "../src/app/groups.ts";
import { DEFAULT_SCORING } from "../src/domain/scoring.ts";
import { createRedisClient } from "../src/store/redis-client.ts";
import { RedisStore } from "../src/store/redis-store.ts";
import { discordStandIn } from "../testkit/discord-api.ts";
import { GUILD, payload, signedRequest, testKeys, discordHttpEnv } from "../testkit/discord-client.ts";
import { BotProcess } from "./support/bot-process.ts";
import { writeScheduledGroups } from "../testkit/scheduled-groups.ts";
import { freePort } from "../testkit/redis-server.ts";
import type { StandIn } from "../testkit/stand-in.ts";

const PROCESSES = 3;
const CHANNELS = ["901", "902", "903", "904", "905"];
const prefix = `so${shortId(6)}`;
const keys = testKeys();
let api: StandIn;
let store: RedisStore;
const bots: BotProcess[] = [];
const ports: number[] = [];

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

beforeAll(async () => {
  api = discordStandIn();
  await api.start();
  const client = createRedisClient(inject("redisUrl"));
  await client.connect();
  store = new RedisStore(client, { prefix, scoring: DEFAULT_SCORING });
  // Five groups whose daily post is already due today, laid out as before the schedule index: each
  // process adds them to the schedule on start, and the start-up catch-up passes race for them.
  for (const channel of CHANNELS) {
    await store.ensureGroup(`discord:${GUILD}:${channel}`, {
      ...storedSettings({
        timezone: "UTC",
        plan: "node-30-day",
        quizSeconds: 3600,
        postTime: "00:00",
        weekdaysOnly: false,
        scheduled: true,
      }),
      startDate: localDay(Date.now(), "UTC"),
    });
    await store.markScheduled(`discord:${GUILD}:${channel}`, true);
  }
  // All three start at once, so their start-up catch-up passes race for the same posts.
  for (let i = 0; i < PROCESSES; i++) {
    const port = await freePort();
    ports.push(port);
    const env = discordHttpEnv({
      apiUrl: api.url,
      publicHex: keys.publicHex,
      redisUrl: inject("redisUrl"),
      prefix,
      port,
    });
    bots.push(new BotProcess(env));
  }
  await Promise.all(bots.map((b) => b.waitStarted(60_000)));
}, 120_000);

afterAll(async () => {
  await Promise.all(bots.map((b) => b.stop()));
  await store?.close();
  await api?.stop();
});

it("makes exactly one daily post per group with three processes sharing one Redis", async () => {
  const postsTo = (channel: string) =>
    api.find("POST", new RegExp(`^/api/v10/channels/${channel}/messages$`)).length;
  await waitFor(() => CHANNELS.every((c) => postsTo(c) >= 1), 20_000, "the daily posts");
  // Give the slower processes time to finish their own catch-up pass.
  await new Promise((r) => setTimeout(r, 1500));
  for (const channel of CHANNELS) expect(postsTo(channel), channel).toBe(1);
});

it("shares the posts due at one minute between the three processes, each made once", async () => {
  // Written straight into Redis with their check due now: the processes' next minute tick takes them.
  const channels = Array.from({ length: 45 }, (_, i) => String(9100 + i));
  const groups = channels.map((c) => `discord:${GUILD}:${c}`);
  const redis = createRedisClient(inject("redisUrl")) as Redis;
  await redis.connect();
  try {
    await writeScheduledGroups(
      redis,
      prefix,
      groups,
      () => ({ postTime: "00:00", startDate: localDay(Date.now(), "UTC") }),
      () => Date.now(),
    );
  } finally {
    redis.disconnect();
  }
  const postsTo = (channel: string) =>
    api.find("POST", new RegExp(`^/api/v10/channels/${channel}/messages$`)).length;
  await waitFor(() => channels.every((c) => postsTo(c) >= 1), 75_000, "the posts of the next minute");
  await new Promise((r) => setTimeout(r, 1500));
  for (const channel of channels) expect(postsTo(channel), channel).toBe(1);
  const sentBy = bots.map((b) => groups.filter((g) => b.logs.includes(`"group":"${g}","day"`)).length);
  expect(sentBy.reduce((a, b) => a + b, 0)).toBe(groups.length);
  expect(
    sentBy.filter((n) => n > 0).length,
    `posts per process: ${sentBy.join(", ")}`,
  ).toBeGreaterThanOrEqual(2);
}, 90_000);

it("counts concurrent answers through different processes once each", async () => {
  const post = async (port: number, body: unknown) => {
    const text = JSON.stringify(body);
    const res = await fetch(`http://127.0.0.1:${port}/discord/interactions`, {
      method: "POST",
      body: text,
      headers: signedRequest(keys.privateKey, text),
    });
    return (await res.json()) as {
      type: number;
      data?: { content?: string; components?: { components: { custom_id: string }[] }[] };
    };
  };
  const started = await post(
    ports[0] ?? 0,
    payload.command({ id: "1", name: "Starter" }, "quiz", [{ name: "topic", type: 3, value: "nodejs" }]),
  );
  const action = started.data?.components?.[0]?.components[0]?.custom_id ?? "";
  const roundId = action.split(":")[1] ?? "";
  const members = Array.from({ length: 40 }, (_, i) => ({ id: String(5000 + i), name: `M${i}` }));
  const replies = await Promise.all(
    members.flatMap((m, i) => [
      post(ports[i % PROCESSES] ?? 0, payload.button(m, `quiz.answer:${roundId}:0`)),
      post(ports[(i + 1) % PROCESSES] ?? 0, payload.button(m, `quiz.answer:${roundId}:1`)),
    ]),
  );
  const texts = replies.map((r) => r.data?.content ?? "");
  expect(texts.filter((t) => t.includes("locked in"))).toHaveLength(40);
  expect(texts.filter((t) => t.includes("already answered"))).toHaveLength(40);
  const closed = await store.closeRound(`discord:${GUILD}:800`, roundId);
  expect(closed?.answers).toHaveLength(40);
  expect(new Set(closed?.answers.map((a) => a.memberId)).size).toBe(40);
  const board = await store.leaderboard(`discord:${GUILD}:800`, { kind: "all" }, "x", 100);
  const winners = closed?.answers.filter((a) => a.choice === closed.round.answer) ?? [];
  expect(board.members).toBe(winners.length);
  expect(board.top.reduce((n, e) => n + e.score, 0)).toBe(winners.reduce((n, a) => n + a.points, 0));
});
