import { Redis } from "ioredis";
import { execFile } from "node:child_process";
import type { KeyObject } from "node:crypto";
import { promisify } from "node:util";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { commands } from "../commands/index.ts";
import { readConfig } from "../src/config.ts";
import { shortId } from "../src/core/ids.ts";
import { localDay } from "../src/domain/calendar.ts";
import { type RunningBot, startBot } from "../src/start.ts";
import { type DiscordStandIn, discordRateLimit, discordStandIn } from "../testkit/discord-api.ts";
import {
  CHANNEL,
  GUILD,
  payload,
  signedRequest,
  testKeys,
  discordHttpEnv,
} from "../testkit/discord-client.ts";
import { ManualClock, realContent } from "./support/harness.ts";
import type { Recorded } from "../testkit/stand-in.ts";

const run = promisify(execFile);

interface Interaction {
  type: number;
  data?: {
    content?: string;
    flags?: number;
    embeds?: {
      title?: string;
      description?: string;
      footer?: { text: string };
      fields?: { name: string; value: string }[];
    }[];
    components?: { components: { custom_id: string; label: string }[] }[];
    choices?: { name: string; value: string }[];
  };
}

const alice = { id: "111", name: "Alice" };
const bob = { id: "222", name: "Bob" };

/**
 * The scenarios every platform shares (/daily and Done, a quiz round, who may close it, setup, unknown
 * commands and forged buttons, a failing handler, the scheduled post, mock answers and reviews) live in
 * test/platform-contract.test.ts, which runs them on Discord too. This file holds what is particular to
 * Discord: interaction response types and flags, the @original lookup, custom_id limits, webhook and
 * channel edits, threads, signatures, body limits, autocomplete, 429s and command registration.
 */
describe("Discord over HTTP, end to end", () => {
  let api: DiscordStandIn;
  let bot: RunningBot;
  let privateKey: KeyObject;
  let url: string;
  const clock = new ManualClock(Date.parse("2026-03-02T12:00:00Z"));
  const prefix = `d${shortId(8)}`;

  beforeAll(async () => {
    api = discordStandIn(() => clock.now());
    await api.start();
    const keys = testKeys();
    privateKey = keys.privateKey;
    const config = readConfig(
      discordHttpEnv({
        apiUrl: api.url,
        publicHex: keys.publicHex,
        redisUrl: inject("redisUrl"),
        prefix,
      }),
    );
    bot = await startBot(config, pino({ level: "silent" }), { clock, content: realContent() });
    url = `http://127.0.0.1:${bot.port}/discord/interactions`;
  });
  afterAll(async () => {
    await bot?.stop();
    await api?.stop();
  });

  /** Discord delivering an interaction (signed, its response taken as the initial response), or a raw request when given headers or text. */
  async function post(body: unknown, headers?: Record<string, string>) {
    if (!headers && typeof body === "object" && body && "token" in body) {
      const delivered = await api.deliver(url, privateKey, body as Parameters<DiscordStandIn["deliver"]>[2]);
      return { status: delivered.status, raw: delivered.raw, json: delivered.json as Interaction };
    }
    const text = typeof body === "string" ? body : JSON.stringify(body);
    const res = await fetch(url, {
      method: "POST",
      body: text,
      headers: headers ?? signedRequest(privateKey, text),
    });
    const raw = await res.text();
    return {
      status: res.status,
      raw,
      json: (raw.startsWith("{") ? JSON.parse(raw) : undefined) as Interaction,
    };
  }

  /** The round once the bot has stored its message (it asks Discord for the id after answering). */
  async function roundWithMessage(roundId: string) {
    for (let i = 0; i < 100; i++) {
      const round = await bot.app.services.store.getRound(`discord:${GUILD}:${CHANNEL}`, roundId);
      if (round?.message) return round;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`round ${roundId} got no message`);
  }

  function embedText(i: Interaction): string {
    const e = i.data?.embeds?.[0];
    return [
      i.data?.content,
      e?.title,
      e?.description,
      ...(e?.fields ?? []).flatMap((f) => [f.name, f.value]),
      e?.footer?.text,
    ]
      .filter(Boolean)
      .join("\n");
  }

  it("answers PING with PONG", async () => {
    const res = await post(payload.ping());
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ type: 1 });
  });

  it("refuses a missing or wrong signature and a stale timestamp with 401, touching nothing", async () => {
    const body = JSON.stringify(payload.command(alice, "daily"));
    expect((await post(body, { "content-type": "application/json" })).status).toBe(401);
    const headers = signedRequest(privateKey, body);
    expect((await post(`${body} `, headers)).status).toBe(401);
    const forged = { ...headers, "x-signature-ed25519": "ab".repeat(64) };
    expect((await post(body, forged)).status).toBe(401);
    const stale = await post(body, signedRequest(privateKey, body, Math.floor(Date.now() / 1000) - 600));
    expect(stale.status).toBe(401);
    expect(stale.raw).toContain("too old");
    const other = testKeys();
    expect((await post(body, signedRequest(other.privateKey, body))).status).toBe(401);
    expect(api.requests).toHaveLength(0);
  });

  it("refuses a body over 1 MiB with 413 and still answers", async () => {
    const huge = JSON.stringify({ type: 2, padding: "x".repeat(1024 * 1024) });
    const res = await post(huge, signedRequest(privateKey, huge));
    expect(res.status).toBe(413);
    expect(res.raw).toContain("too large");
    expect(api.requests).toHaveLength(0);
  });

  it("answers garbled JSON and non-interactions with 400", async () => {
    expect((await post("{not json")).status).toBe(400);
    expect((await post({ hello: "world" })).status).toBe(400);
  });

  it("answers /daily in the interaction response (type 4) with an embed and a labelled Done button, never looking up @original, and Done privately (flags 64)", async () => {
    const asked = api.find("GET", /\/messages\/@original$/).length;
    const res = await post(payload.command(alice, "daily"));
    expect(res.status).toBe(200);
    // Nothing edits a /daily reply later: the bot does not ask Discord for its id.
    await new Promise((r) => setTimeout(r, 150));
    expect(api.find("GET", /\/messages\/@original$/)).toHaveLength(asked);
    expect(res.json.type).toBe(4);
    expect(res.json.data?.embeds?.[0]?.title).toBe("Day 1 of 30 · Event loop deep dive");
    expect(res.json.data?.components?.[0]?.components[0]).toMatchObject({
      custom_id: "daily.done:node-30-day:1",
      label: "Done with day 1",
    });
    const done = await post(payload.button(alice, "daily.done:node-30-day:1"));
    expect(done.json).toMatchObject({ type: 4, data: { flags: 64 } });
  });

  it("runs a quiz round over interactions: custom_id and label limits, the @original lookup, private clicks (flags 64), and the close edited through the webhook with its buttons removed", async () => {
    const start = await post(payload.command(alice, "quiz", [{ name: "topic", type: 3, value: "nodejs" }]));
    expect(start.json.type).toBe(4);
    const buttons = start.json.data?.components?.flatMap((r) => r.components) ?? [];
    const roundId = buttons[0]?.custom_id.split(":")[1] ?? "";
    expect(buttons.at(-1)).toMatchObject({ custom_id: `quiz.close:${roundId}`, label: "Close round" });
    for (const b of buttons) {
      expect(b.custom_id.length).toBeLessThanOrEqual(100);
      expect(b.label.length).toBeLessThanOrEqual(80);
    }
    // The bot asks Discord for the message's id, so that the result can edit it by id later.
    const round = await roundWithMessage(roundId);
    expect(round.message).toMatchObject({ platform: "discord", channel: CHANNEL, id: /^\d+$/ });
    const token = round.message?.extra?.token ?? "";
    expect(api.find("GET", new RegExp(`/webhooks/4242/${token}/messages/@original$`))).toHaveLength(1);

    const first = await post(payload.button(bob, `quiz.answer:${roundId}:${round?.answer}`));
    expect(first.json).toMatchObject({ type: 4, data: { flags: 64 } });
    const again = await post(payload.button(bob, `quiz.answer:${roundId}:0`));
    expect(again.json.data?.flags).toBe(64);

    clock.advance(60_000);
    await bot.app.closer.sweep();
    const [edit] = await api.waitFor(
      "PATCH",
      new RegExp(`/webhooks/4242/token-\\d+/messages/${round.message?.id}$`),
    );
    // An edit that leaves components out keeps the old buttons: the result sends none explicitly.
    expect((edit?.body as Interaction["data"])?.components).toEqual([]);

    const late = await post(payload.button(alice, `quiz.answer:${roundId}:0`));
    expect(late.json.data?.flags).toBe(64);
  });

  it("edits a result through the channel once the interaction's token has run out", async () => {
    // Over HTTP the response may not have reached Discord when the bot asks for its id: asked again.
    api.once((r) => r.method === "GET" && r.path.endsWith("/messages/@original"), {
      status: 404,
      body: { message: "Unknown Message", code: 10008 },
    });
    const start = await post(payload.command(alice, "quiz"));
    const roundId = start.json.data?.components?.[0]?.components[0]?.custom_id.split(":")[1] ?? "";
    const round = await roundWithMessage(roundId);
    const messageId = round.message?.id ?? "";
    expect(messageId).toMatch(/^\d+$/);
    const token = round.message?.extra?.token ?? "";
    expect(api.find("GET", new RegExp(`/webhooks/4242/${token}/messages/@original$`))).toHaveLength(2);
    // Past 15 minutes the stand-in refuses the interaction's webhook (401, Invalid Webhook Token):
    // the bot knows the token's time from the interaction's id and does not try it.
    const posts = api.find("POST", /\/channels\/\d+\/messages$/).length;
    const invalid = api.invalidRequests.length;
    clock.advance(20 * 60_000);
    await bot.app.closer.sweep();
    const [edit] = await api.waitFor("PATCH", new RegExp(`/channels/${CHANNEL}/messages/${messageId}$`));
    expect(embedText({ type: 0, data: edit?.body as Interaction["data"] })).toContain("Quiz closed");
    expect(api.find("POST", /\/channels\/\d+\/messages$/)).toHaveLength(posts);
    expect(api.find("PATCH", new RegExp(`/webhooks/4242/${token}/`))).toEqual([]);
    expect(api.invalidRequests).toHaveLength(invalid);
  });

  it("closes a round from its button by updating the message in place (type 7)", async () => {
    const start = await post(payload.command(alice, "quiz"));
    const roundId = start.json.data?.components?.[0]?.components[0]?.custom_id.split(":")[1];
    const closed = await post(payload.button(alice, `quiz.close:${roundId}`));
    expect(closed.json.type).toBe(7);
    expect(embedText(closed.json)).toContain("Quiz closed");
  });

  it("answers autocomplete with topics from the bank", async () => {
    const res = await post(payload.autocomplete(alice, "quiz", "topic", "no"));
    expect(res.json.type).toBe(8);
    expect(res.json.data?.choices?.map((c) => c.value)).toContain("nodejs");
  });

  it("answers an unknown command, forged custom_ids, an unknown modal and an out-of-range integer option privately (flags 64)", async () => {
    const unknown = await post(payload.command(alice, "dance"));
    expect(unknown.json).toMatchObject({ type: 4, data: { flags: 64 } });
    for (const forged of [
      "quiz.answer:zz:1",
      "quiz.answer:../../x:1",
      "x".repeat(100),
      "daily.done:node-30-day:99",
    ]) {
      const res = await post(payload.button(alice, forged));
      expect(res.status, forged).toBe(200);
      expect(res.json.data?.flags, forged).toBe(64);
    }
    const modal = await post(payload.modal(alice, "nope:1", { answer: "hi" }));
    expect(modal.json.data?.flags).toBe(64);
    expect(modal.json.data?.content).toContain("not one of mine");
    // Discord sends `day` as an integer option (type 4), not as text.
    const badArgs = await post(payload.command(alice, "daily", [{ name: "day", type: 4, value: 99 }]));
    expect(badArgs.json.data?.content).toContain("has 30 days");
  });

  it("runs a mock answer over modals (type 9, one labelled input each): the answer posted to the channel, its thread, reviews posted in the thread and the averages edited into the answer", async () => {
    const opened = await post(payload.command(alice, "mock", [{ name: "kind", type: 3, value: "star" }]));
    expect(opened.json.type).toBe(9);
    const modal = opened.json.data as unknown as {
      custom_id: string;
      title: string;
      components: { type: number; component: { type: number; custom_id: string } }[];
    };
    expect(modal.components.every((l) => l.type === 18 && l.component.type === 4)).toBe(true);
    expect(modal.components.map((l) => l.component.custom_id)).toEqual([
      "situation",
      "task",
      "action",
      "result",
    ]);

    const before = api.requests.length;
    const submitted = await post(
      payload.modal(alice, modal.custom_id, { situation: "S1", task: "T1", action: "A1", result: "R1" }),
    );
    expect(submitted.json).toMatchObject({ type: 4, data: { flags: 64 } });
    const calls = api.requests.slice(before);
    const answerPost = calls.find(
      (r) => r.method === "POST" && r.path === `/api/v10/channels/${CHANNEL}/messages`,
    );
    expect(answerPost).toBeDefined();
    const threadCall = calls.find(
      (r) => r.method === "POST" && /\/channels\/800\/messages\/\d+\/threads$/.test(r.path),
    );
    expect(threadCall?.body).toMatchObject({ name: "Reviews of Alice's answer" });
    const reviewButton =
      (answerPost?.body as Interaction["data"])?.components?.[0]?.components[0]?.custom_id ?? "";
    expect(reviewButton).toMatch(/^interview\.review:/);
    const mockId = reviewButton.split(":")[1];

    const rubric = await post(payload.button(bob, reviewButton));
    expect(rubric.json.type).toBe(9);
    const carol = { id: "333", name: "Carol" };
    for (const [who, scores] of [
      [bob, { situation: "4", task: "4", action: "5", result: "3", comment: "Nice" }],
      [carol, { situation: "2", task: "4", action: "3", result: "5", comment: "" }],
    ] as const) {
      await post(payload.modal(who, `interview.rate:${mockId}`, scores));
    }
    const threadPosts = api.requests.filter(
      (r) =>
        r.method === "POST" &&
        /^\/api\/v10\/channels\/\d+\/messages$/.test(r.path) &&
        r.path !== `/api/v10/channels/${CHANNEL}/messages`,
    );
    const texts = threadPosts.map((r) => JSON.stringify(r.body));
    expect(texts.some((t) => t.includes("Review by Bob"))).toBe(true);
    expect(
      texts.some((t) =>
        t.includes("your averages after 2 reviews: Situation 3 · Task 4 · Action 4 · Result 4"),
      ),
    ).toBe(true);
    const edited = api.requests.filter(
      (r) => r.method === "PATCH" && new RegExp(`/channels/${CHANNEL}/messages/\\d+$`).test(r.path),
    );
    expect(JSON.stringify(edited.at(-1)?.body)).toContain("Averages after 2 reviews");
  });

  it("tells the organizer in /studygroup status when the daily post is refused, until one gets through", async () => {
    const organizer = { id: "999", name: "Olga", permissions: "32" };
    const setup = await post(
      payload.command(organizer, "studygroup", [
        { name: "action", type: 3, value: "setup" },
        { name: "time", type: 3, value: "00:00" },
      ]),
    );
    expect(setup.json.data?.embeds?.[0]?.description ?? "").toContain("Daily posts are on");
    const denied = { status: 403, body: { message: "Missing Access", code: 50001 } };
    api.once((r) => r.method === "POST" && r.path === `/api/v10/channels/${CHANNEL}/messages`, denied);
    const invalid = async () =>
      (await bot.app.services.metrics.invalidRequests.get()).values.find((v) => v.labels.status === "403")
        ?.value ?? 0;
    const invalidBefore = await invalid();
    await bot.app.poster.postIfDue(`discord:${GUILD}:${CHANNEL}`);
    // Discord counts every 403 toward its limit of invalid requests, and so does the bot.
    expect((await invalid()) - invalidBefore).toBe(1);
    const status = await post(payload.command(organizer, "studygroup"));
    expect(embedText(status.json)).toContain(
      "The last daily post failed: I can't see this channel: give me the View Channel permission here.",
    );
    // The organizer's problem backs the retries off: the claim stays until it lapses (released here to skip the wait).
    expect(await bot.app.poster.postIfDue(`discord:${GUILD}:${CHANNEL}`)).toBe("taken");
    const settings = await bot.app.services.groups.settings(`discord:${GUILD}:${CHANNEL}`);
    const raw = new Redis(inject("redisUrl"));
    const day = localDay(clock.now(), settings.timezone);
    await raw.del(`${prefix}:{discord:${GUILD}:${CHANNEL}}:posted:${day}`);
    raw.disconnect();
    expect(await bot.app.poster.postIfDue(`discord:${GUILD}:${CHANNEL}`)).toBe("posted");
    expect(embedText((await post(payload.command(organizer, "studygroup"))).json)).not.toContain("failed");
  });

  it("delays a post through a 429 with retry_after and never drops it", async () => {
    const before = api.find("POST", /\/channels\/\d+\/messages$/).length;
    // Only this post: the bot's own schedules may post to the channel meanwhile.
    const scheduled = (r: Recorded) => JSON.stringify(r.body).includes("Scheduled post");
    api.once(
      (r) => r.method === "POST" && /\/channels\/\d+\/messages$/.test(r.path) && scheduled(r),
      discordRateLimit(1),
    );
    const outbox = bot.app.services.outboxes.get("discord");
    const started = Date.now();
    const ref = await outbox?.post(
      { platform: "discord", workspace: GUILD, channel: CHANNEL },
      { blocks: [{ type: "text", text: "Scheduled post" }] },
    );
    const tries = api
      .find("POST", /\/channels\/\d+\/messages$/)
      .slice(before)
      .filter(scheduled);
    expect(tries).toHaveLength(2);
    expect(tries[1]?.body).toMatchObject({ content: "Scheduled post" });
    expect(ref?.id).toMatch(/^\d+$/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });
});

describe("register:discord", () => {
  it("registers every command with its options, choices and autocomplete, to one guild", async () => {
    const api = discordStandIn();
    await api.start();
    try {
      const { stdout } = await run("npx", ["tsx", "src/adapters/discord/register-cli.ts"], {
        env: {
          ...process.env,
          DISCORD_TOKEN: "test-bot-token-0123456789",
          DISCORD_API_URL: `${api.url}/api`,
          DISCORD_GUILD_ID: "77",
        },
      });
      expect(stdout).toContain(`Registered ${commands.length} commands guild 77`);
      const [put] = api.find("PUT", /\/applications\/4242\/guilds\/77\/commands$/);
      expect(put?.headers.authorization).toBe("Bot test-bot-token-0123456789");
      const body = put?.body as { name: string; options: Record<string, unknown>[] }[];
      expect(body.map((c) => c.name)).toEqual(commands.map((c) => c.name));
      expect(body.map((c) => c.name)).toEqual(
        expect.arrayContaining(["daily", "quiz", "studygroup", "help"]),
      );
      expect(body.find((c) => c.name === "quiz")?.options).toEqual([
        expect.objectContaining({ name: "topic", type: 3, autocomplete: true, required: false }),
      ]);
      expect(body.find((c) => c.name === "leaderboard")?.options[0]).toMatchObject({
        name: "period",
        choices: [
          { name: "week", value: "week" },
          { name: "month", value: "month" },
          { name: "all", value: "all" },
        ],
      });
      expect(body.find((c) => c.name === "daily")?.options[0]).toMatchObject({
        name: "day",
        type: 4,
        min_value: 1,
      });
    } finally {
      await api.stop();
    }
  });
});
