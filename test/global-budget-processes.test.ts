import { Redis } from "ioredis";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { shortId } from "../src/core/ids.ts";
import { localDay } from "../src/domain/calendar.ts";
import { GUILD, discordHttpEnv, testKeys } from "../testkit/discord-client.ts";
import { RateLimitedDiscord } from "../testkit/discord-global-limit.ts";
import { freePort } from "../testkit/redis-server.ts";
import { writeScheduledGroups } from "../testkit/scheduled-groups.ts";
import { BotProcess } from "./support/bot-process.ts";

const PROCESSES = 3;
const GROUPS = 150;
/** The bot's global limit, lowered so the test takes seconds: 150 posts at 15/s is a 10 s bound. */
const RATE = 15;
const prefix = `gb${shortId(6)}`;
const api = new RateLimitedDiscord(RATE);
const keys = testKeys();
const channels = Array.from({ length: GROUPS }, (_, i) => String(77_000 + i));
const bots: BotProcess[] = [];

async function waitFor(check: () => boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  await api.start();
  const redis = new Redis(inject("redisUrl"));
  try {
    // Due since a second ago: each process's start-up pass takes its share.
    await writeScheduledGroups(
      redis,
      prefix,
      channels.map((c) => `discord:${GUILD}:${c}`),
      () => ({ postTime: "00:00", startDate: localDay(Date.now(), "UTC") }),
      () => Date.now() - 1000,
    );
  } finally {
    redis.disconnect();
  }
  for (let i = 0; i < PROCESSES; i++) {
    const env = discordHttpEnv({
      apiUrl: api.url,
      publicHex: keys.publicHex,
      redisUrl: inject("redisUrl"),
      prefix,
      port: await freePort(),
    });
    bots.push(new BotProcess({ ...env, DISCORD_GLOBAL_RATE: String(RATE) }));
  }
  await Promise.all(bots.map((b) => b.waitStarted(60_000)));
}, 90_000);

afterAll(async () => {
  await Promise.all(bots.map((b) => b.stop()));
  await api.stop();
});

it("three processes share the bot's global budget: every post once, hardly a 429, at the rate", async () => {
  await waitFor(() => api.accepted.size === GROUPS, 40_000, "every daily post");
  await new Promise((r) => setTimeout(r, 1500));
  const lost = channels.filter((c) => !api.accepted.has(c));
  expect(lost).toEqual([]);
  expect([...api.duplicated()]).toEqual([]);
  // At most 1% of the requests charged to the global limit answered 429.
  expect(api.limited, `${api.limited} of ${api.charged} answered 429`).toBeLessThanOrEqual(
    Math.floor(api.charged / 100),
  );
  const first = Math.min(...api.acceptedAt);
  const last = Math.max(...api.acceptedAt);
  const bound = GROUPS / RATE;
  expect((last - first) / 1000, "seconds from the first post to the last").toBeLessThanOrEqual(1.1 * bound);
  const sentBy = bots.map(
    (b) => channels.filter((c) => b.logs.includes(`"group":"discord:${GUILD}:${c}"`)).length,
  );
  expect(
    sentBy.filter((n) => n > 0).length,
    `posts per process: ${sentBy.join(", ")}`,
  ).toBeGreaterThanOrEqual(2);
}, 60_000);
