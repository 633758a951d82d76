import { REST } from "@discordjs/rest";
import { Routes } from "discord-api-types/v10";
import { afterAll, beforeAll, beforeEach, expect, inject, it } from "vitest";
import { discordConfig } from "../src/adapters/discord/config.ts";
import {
  botBudgetKey,
  globalBudgetOptions,
  isInteractionEndpoint,
} from "../src/adapters/discord/global-budget.ts";
import { shortId } from "../src/core/ids.ts";
import { RedisRateBudgets } from "../src/ops/rate-budget.ts";
import { createRedisClient, type RedisClient } from "../src/store/redis-client.ts";
import { RateLimitedDiscord } from "../testkit/discord-global-limit.ts";

const RATE = 10;
const TOKEN = "MTAxMDEwMTAxMDEwMTAxMA.stand-in.bot-token-of-the-test";
const api = new RateLimitedDiscord(RATE);
const prefix = `dg${shortId(6)}`;
const clients: RedisClient[] = [];

/** One bot process's REST client: its own Redis connection, the shared budget of the token. */
async function processRest(shared: boolean): Promise<REST> {
  const redis = createRedisClient(inject("redisUrl"));
  await redis.connect();
  clients.push(redis);
  const budget = new RedisRateBudgets(redis, prefix).budget(botBudgetKey(TOKEN), RATE);
  const rest = new REST({
    api: `${api.url}/api`,
    version: "10",
    ...(shared ? globalBudgetOptions(budget) : {}),
  });
  return rest.setToken(TOKEN);
}

const post = (rest: REST, channel: number) =>
  rest.post(Routes.channelMessages(String(channel)), { body: { content: "day 1" } });

beforeAll(async () => {
  await api.start();
});
beforeEach(() => api.reset());
afterAll(async () => {
  for (const c of clients) c.disconnect();
  await api.stop();
});

it("knows Discord's interaction endpoints, which the global limit does not bind", () => {
  const base = "https://discord.com/api/v10";
  expect(isInteractionEndpoint(`${base}/interactions/123/tok-en_1/callback`)).toBe(true);
  expect(isInteractionEndpoint(`${base}/webhooks/456/tok-en_1`)).toBe(true);
  expect(isInteractionEndpoint(`${base}/webhooks/456/tok-en_1/messages/@original`)).toBe(true);
  expect(isInteractionEndpoint(`${base}/webhooks/456/tok-en_1/messages/789?with_components=true`)).toBe(true);
  expect(isInteractionEndpoint(`${base}/channels/123/messages`)).toBe(false);
  expect(isInteractionEndpoint(`${base}/channels/123/messages/456`)).toBe(false);
  expect(isInteractionEndpoint(`${base}/applications/123/commands`)).toBe(false);
});

it("names a token's budget without the token", () => {
  const key = botBudgetKey(TOKEN);
  expect(key).toMatch(/^discord:[0-9a-f]{16}$/);
  expect(key).not.toContain(TOKEN.slice(0, 8));
  expect(botBudgetKey(`${TOKEN}x`)).not.toBe(key);
});

it("reads DISCORD_GLOBAL_RATE: 50 unless set, a whole positive number of requests per second", () => {
  expect(discordConfig.parse({}).DISCORD_GLOBAL_RATE).toBe(50);
  expect(discordConfig.parse({ DISCORD_GLOBAL_RATE: "" }).DISCORD_GLOBAL_RATE).toBe(50);
  expect(discordConfig.parse({ DISCORD_GLOBAL_RATE: "500" }).DISCORD_GLOBAL_RATE).toBe(500);
  for (const [value, message] of [
    ["0", "at least 1"],
    ["12.5", "whole number"],
    ["fast", "expected number"],
  ]) {
    const parsed = discordConfig.safeParse({ DISCORD_GLOBAL_RATE: value });
    expect(parsed.success, value).toBe(false);
    expect(JSON.stringify(parsed.error?.issues), value).toContain(message);
  }
});

it("without a shared budget, two processes each pacing alone are answered 429", async () => {
  const [a, b] = [await processRest(false), await processRest(false)];
  // discord.js paces each process at 50/s; the stand-in allows the token 10/s.
  await Promise.all([
    ...Array.from({ length: 15 }, (_, i) => post(a, 1000 + i)),
    ...Array.from({ length: 15 }, (_, i) => post(b, 2000 + i)),
  ]);
  expect(api.limited).toBeGreaterThan(0);
}, 30_000);

it("two processes sharing the token's budget post everything once, unanswered by 429, at the rate", async () => {
  const [a, b] = [await processRest(true), await processRest(true)];
  const started = performance.now();
  await Promise.all([
    ...Array.from({ length: 20 }, (_, i) => post(a, 3000 + i)),
    ...Array.from({ length: 20 }, (_, i) => post(b, 4000 + i)),
  ]);
  const seconds = (performance.now() - started) / 1000;
  expect(api.limited).toBe(0);
  expect(api.accepted.size).toBe(40);
  expect(api.duplicated().size).toBe(0);
  // 40 posts at 10/s: at least about 4 s (how close to it, the bench measures).
  expect(seconds).toBeGreaterThan(3.5);
}, 30_000);

it("answers interactions at once while channel posts wait for the budget", async () => {
  const rest = await processRest(true);
  let postsDone = false;
  const posts = Promise.all(Array.from({ length: 30 }, (_, i) => post(rest, 5000 + i))).then((done) => {
    postsDone = true;
    return done;
  });
  await new Promise((r) => setTimeout(r, 100));
  await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      rest.post(Routes.interactionCallback(String(7000 + i), `token-${i}`), {
        body: { type: 4, data: { content: "locked in" } },
        auth: false,
      }),
    ),
  );
  await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      rest.patch(Routes.webhookMessage("1234", `token-${i}`, "@original"), {
        body: { content: "closed" },
        auth: false,
      }),
    ),
  );
  // The interactions did not queue behind the posts, which need seconds of budget.
  expect(postsDone).toBe(false);
  await posts;
  expect(api.limited).toBe(0);
  expect(api.accepted.size).toBe(30);
}, 30_000);
