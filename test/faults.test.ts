import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { type App, createApp } from "../src/app.ts";
import type { Actor, Place } from "../src/core/model.ts";
import { DEFAULT_SCORING } from "../src/domain/scoring.ts";
import { createRedisClient } from "../src/store/redis-client.ts";
import { RedisStore } from "../src/store/redis-store.ts";
import { buttonsOf, ManualClock, RecordingPlatform, realContent } from "./support/harness.ts";
import { RedisServer } from "../testkit/redis-server.ts";

const place: Place = { platform: "test", workspace: "w", channel: "c" };
const group = "test:w:c";

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("condition not met in time");
}

describe("Redis faults", () => {
  let redis: RedisServer;
  let app: App | undefined;
  afterEach(async () => {
    await app?.stop();
    app = undefined;
    await redis.stop();
  });

  async function boot(clock: ManualClock) {
    redis = new RedisServer({ appendOnly: true });
    await redis.start();
    const client = createRedisClient(redis.url);
    client.on("error", () => {});
    await client.connect();
    const store = new RedisStore(client, { scoring: DEFAULT_SCORING });
    const platform = new RecordingPlatform();
    app = createApp({ store, content: realContent(), log: pino({ level: "silent" }), clock });
    app.connect("test", platform);
    const click = async (actor: Actor, action: string) => {
      await app?.bot.handle(platform.event(actor, place, { kind: "button", action }));
      return platform.last().text;
    };
    return { store, platform, click };
  }

  it("keeps every acknowledged answer when redis-server is killed and restarted mid-round", async () => {
    const clock = new ManualClock(Date.now());
    const { store, platform, click } = await boot(clock);
    await app?.bot.handle(
      platform.event({ id: "s", name: "starter" }, place, {
        kind: "command",
        command: "quiz",
        text: "nodejs",
      }),
    );
    const roundId = buttonsOf(platform.last().message)[0]?.action.split(":")[1] ?? "";
    const round = await store.getRound(group, roundId);
    const right = `quiz.answer:${roundId}:${round?.answer}`;
    const acknowledged = new Set<string>();
    const member = (i: number): Actor => ({ id: `m${i}`, name: `m${i}` });

    for (let i = 0; i < 30; i++) {
      if ((await click(member(i), right)).includes("locked in")) acknowledged.add(`m${i}`);
    }
    await redis.kill();
    for (let i = 30; i < 35; i++) {
      const text = await click(member(i), right);
      expect(text).toContain("temporarily unavailable");
    }
    await redis.start();
    await waitUntil(async () => (await store.ping(), true));
    for (let i = 35; i < 45; i++) {
      if ((await click(member(i), right)).includes("locked in")) acknowledged.add(`m${i}`);
    }
    expect(acknowledged.size).toBe(40);

    // Every acknowledged answer survived the crash, once; no answer refused during the outage was counted.
    const closed = await store.closeRound(group, roundId);
    const counted = closed?.answers.map((a) => a.memberId) ?? [];
    expect(new Set(counted).size).toBe(counted.length);
    expect(new Set(counted)).toEqual(acknowledged);
    const board = await store.leaderboard(group, { kind: "all" }, "m0", 100);
    expect(board.members).toBe(40);
    for (const entry of board.top) expect(entry.score).toBeGreaterThanOrEqual(DEFAULT_SCORING.correctPoints);
  });

  it("answers 'temporarily unavailable' while Redis is down, then recovers, and makes the missed daily post", async () => {
    const clock = new ManualClock(Date.parse("2026-06-01T06:00:00Z"));
    const { store, platform } = await boot(clock);
    const olga = { id: "olga", name: "olga", isOrganizer: true };
    await app?.bot.handle(
      platform.event(olga, place, {
        kind: "command",
        command: "studygroup",
        text: "setup time=08:00 start=today",
      }),
    );
    await redis.kill();

    const started = Date.now();
    const outcome = await app?.bot.handle(platform.event(olga, place, { kind: "command", command: "daily" }));
    expect(outcome).toBe("unavailable");
    expect(platform.last().text).toContain("temporarily unavailable. Please try again in a moment");
    expect(Date.now() - started).toBeLessThan(5000);

    clock.set("2026-06-01T08:05:00Z");
    platform.clear();
    expect(await app?.poster.tick()).toEqual([]);
    expect(platform.delivered).toHaveLength(0);

    await redis.start();
    await waitUntil(async () => (await store.ping(), true));
    await app?.poster.tick();
    expect(platform.delivered.filter((d) => d.kind === "post")).toHaveLength(1);
    expect(await app?.bot.handle(platform.event(olga, place, { kind: "command", command: "daily" }))).toBe(
      "ok",
    );
  });
});
