import { WebClient } from "@slack/web-api";
import pino from "pino";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { renderMessage, renderModal } from "../src/adapters/slack/render.ts";
import { slackPacing } from "../src/adapters/slack/rate-tiers.ts";
import { SlackOutbox } from "../src/adapters/slack/responder.ts";
import { shortId } from "../src/core/ids.ts";
import { RedisRateBudgets } from "../src/ops/rate-budget.ts";
import { createRedisClient, type RedisClient } from "../src/store/redis-client.ts";
import { type SlackApi, slackStandIn } from "../testkit/slack-api.ts";

const counter = { inc: () => undefined };
let api: SlackApi;
let redis: RedisClient;
let outbox: SlackOutbox;

beforeAll(async () => {
  api = slackStandIn();
  await api.start();
  redis = createRedisClient(inject("redisUrl"));
  await redis.connect();
  const budgets = new RedisRateBudgets(redis, `sp${shortId(6)}`);
  const client = new WebClient("xoxb-test", { slackApiUrl: `${api.url}/api/` });
  const ops = {
    log: pino({ level: "silent" }),
    metrics: { rateLimitWaits: counter, platformErrors: counter, invalidRequests: counter },
    render: (m: Parameters<typeof renderMessage>[0]) => renderMessage(m),
    renderForm: renderModal,
  };
  const host = { rateBudget: (key: string, rate: number) => budgets.budget(key, rate) };
  outbox = new SlackOutbox(client, ops as never, slackPacing(host, "xoxb-test"));
});

afterAll(async () => {
  redis.disconnect();
  await api.stop();
});

const place = (channel: string) => ({ platform: "slack" as const, workspace: "T1", channel, route: {} });
const message = { blocks: [{ kind: "text" as const, text: "Day 1" }] };

it("keeps scheduled posts to one a second per channel, other channels not held back", async () => {
  const started = performance.now();
  let busyDone = false;
  const busy = Promise.all([1, 2, 3].map(() => outbox.post(place("C1") as never, message as never))).then(
    () => void (busyDone = true),
  );
  await outbox.post(place("C2") as never, message as never);
  // C2's post did not wait behind C1's, which need two second boundaries to pass.
  expect(busyDone).toBe(false);
  await busy;
  // Three posts to one channel, one per second of the clock: two second boundaries pass.
  expect(performance.now() - started).toBeGreaterThan(1000);
  expect(api.find("POST", /chat\.postMessage/)).toHaveLength(4);
});
