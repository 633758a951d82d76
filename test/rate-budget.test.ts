import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { shortId } from "../src/core/ids.ts";
import { budgetSlices, RedisRateBudgets } from "../src/ops/rate-budget.ts";
import { createRedisClient, type RedisClient } from "../src/store/redis-client.ts";
import { freePort } from "../testkit/redis-server.ts";

const prefix = `rb${shortId(6)}`;
const clients: RedisClient[] = [];

async function client(): Promise<RedisClient> {
  const c = createRedisClient(inject("redisUrl"));
  await c.connect();
  clients.push(c);
  return c;
}

/** The most grants inside any window of `windowMs`. */
function busiest(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while ((sorted[i] ?? 0) - (sorted[j] ?? 0) >= windowMs) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

async function takeAll(budget: { take(): Promise<void> }, n: number, into: number[]) {
  await Promise.all(
    Array.from({ length: n }, async () => {
      await budget.take();
      into.push(performance.now());
    }),
  );
}

beforeAll(async () => {
  await client();
  await client();
});

afterAll(() => {
  for (const c of clients) c.disconnect();
});

it("cuts a budget into slices of about a tenth of a second, with whole requests in each", () => {
  expect(budgetSlices(50)).toEqual({ points: 5, sliceMs: 100 });
  expect(budgetSlices(1)).toEqual({ points: 1, sliceMs: 1000 });
  expect(budgetSlices(1200)).toEqual({ points: 120, sliceMs: 100 });
  // Slack's Tier 3, 50 a minute.
  expect(budgetSlices(50 / 60)).toEqual({ points: 1, sliceMs: 1200 });
});

it("refuses a budget that is not a positive rate, or a key Redis should not hold, naming it", () => {
  const budgets = new RedisRateBudgets(clients[0] as RedisClient, prefix);
  for (const rate of [0, -5, Number.NaN, Number.POSITIVE_INFINITY])
    expect(() => budgets.budget("discord:bot", rate)).toThrow(/positive number of requests per second/);
  expect(() => budgets.budget("", 5)).toThrow(/key is 1 to 200/);
  expect(() => budgets.budget("slack:T1:chat {x}", 5)).toThrow(/got "slack:T1:chat \{x\}"/);
});

it("shares one budget between two processes' clients: never more than the rate", async () => {
  const rate = 20;
  const [a, b] = [
    new RedisRateBudgets(clients[0] as RedisClient, prefix),
    new RedisRateBudgets(clients[1] as RedisClient, prefix),
  ];
  const times: number[] = [];
  const started = performance.now();
  await Promise.all([
    takeAll(a.budget("discord:shared", rate), 30, times),
    takeAll(b.budget("discord:shared", rate), 30, times),
  ]);
  const seconds = (performance.now() - started) / 1000;
  // 60 requests at 20/s, two a slice of 100 ms: at least about 3 s, never a burst past the rate.
  // (How close to the rate it gets is the bench's to measure, not a test's.)
  expect(times).toHaveLength(60);
  expect(busiest(times, 1000)).toBeLessThanOrEqual(rate + budgetSlices(rate).points);
  expect(busiest(times, 100)).toBeLessThanOrEqual(2 * budgetSlices(rate).points);
  expect(seconds).toBeGreaterThan(2.7);
});

it("keeps budgets of different keys apart", async () => {
  const budgets = new RedisRateBudgets(clients[0] as RedisClient, prefix);
  const busy = budgets.budget("slack:T1:chat.postMessage:C1", 1);
  const { sliceMs } = budgetSlices(1);
  const sliceOf = (t: number) => Math.floor(t / sliceMs);
  // Start just after a slice begins, so the steps below have most of a slice to run in.
  await new Promise((r) => setTimeout(r, sliceMs - (Date.now() % sliceMs) + 5));
  const first = sliceOf(Date.now());
  await busy.take();
  await budgets.budget("slack:T1:chat.postMessage:C2", 1).take();
  // The other key's token came in the same slice: it did not wait behind the busy one.
  expect(sliceOf(Date.now())).toBe(first);
  await busy.take();
  // The busy key's second token waited for the next slice.
  expect(sliceOf(Date.now())).toBeGreaterThan(first);
});

it("paces each process on its own while Redis is away", async () => {
  const away = createRedisClient(`redis://127.0.0.1:${await freePort()}`);
  away.on("error", () => undefined);
  const budgets = new RedisRateBudgets(away, prefix);
  const times: number[] = [];
  const started = performance.now();
  await takeAll(budgets.budget("discord:away", 20), 30, times);
  expect(times).toHaveLength(30);
  expect(busiest(times, 1000)).toBeLessThanOrEqual(22);
  expect((performance.now() - started) / 1000).toBeGreaterThan(1.2);
  away.disconnect();
});
