import type { KeyObject } from "node:crypto";
import pino from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { z } from "zod";
import { DiscordAPIError } from "@discordjs/rest";
import { commands } from "../commands/index.ts";
import { answerFormAction, partsOfTarget } from "../commands/interview/actions.ts";
import { handleGatewayInteraction } from "../src/adapters/discord/gateway.ts";
import { discordInteractionsEndpoint } from "../src/adapters/discord/http.ts";
import { discordRest } from "../src/adapters/discord/rest.ts";
import { DiscordOutbox } from "../src/adapters/discord/outbox.ts";
import { publicKeyFromHex } from "../src/adapters/discord/signature.ts";
import { webhookCall } from "../src/adapters/discord/webhook.ts";
import { type App, createApp } from "../src/app.ts";
import { defineCommand } from "../src/app/define-command.ts";
import { readConfig } from "../src/config.ts";
import { shortId } from "../src/core/ids.ts";
import { HttpServer } from "../src/platform/http-server.ts";
import { type RunningBot, startBot } from "../src/start.ts";
import { type DiscordStandIn, discordStandIn } from "../testkit/discord-api.ts";
import { CHANNEL, discordHttpEnv, GUILD, payload, testKeys } from "../testkit/discord-client.ts";
import { makeStore, ManualClock, realContent } from "./support/harness.ts";

const alice = { id: "111", name: "Alice" };
type Body = { id: string; token: string; type: number; channel_id?: string };
const log = pino({ level: "silent" });
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Test commands whose handlers are slower than the deferral. */
const slowCommands = [
  defineCommand({
    name: "slowprivate",
    description: "answers the member alone, slowly",
    args: z.object({}),
    firstReply: "private",
    run: async (ctx) => {
      await pause(40);
      await ctx.replyPrivately(ctx.text("only for you"), "public");
    },
  }),
  defineCommand({
    name: "slowpublic",
    description: "answers everyone, slowly",
    args: z.object({}),
    run: async (ctx) => {
      await pause(40);
      await ctx.reply(ctx.text("for everyone"));
    },
  }),
  defineCommand({
    name: "slowsurprise",
    description: "says its answer is public, then answers privately",
    args: z.object({}),
    run: async (ctx) => {
      await pause(40);
      await ctx.replyPrivately(ctx.text("a private surprise"), "public");
    },
  }),
  defineCommand({
    name: "slowboom",
    description: "fails after the deferral",
    args: z.object({}),
    run: async () => {
      await pause(40);
      throw new Error("kaboom");
    },
  }),
];

/** Every text of the messages still there for an audience, in the main channel and its threads. */
function texts(api: DiscordStandIn, audience: "channel" | "member"): string {
  return JSON.stringify(api.visible(audience).map((m) => [m.content, m.embeds]));
}

describe("Discord deferrals reach the member as the handler meant, over both transports", () => {
  let api: DiscordStandIn;
  let app: App;
  let server: HttpServer;
  let url: string;
  let privateKey: KeyObject;
  let gateway: (body: Body) => Promise<{ type: number; flags: number } | undefined>;
  const clock = new ManualClock(Date.now());

  beforeAll(async () => {
    api = discordStandIn(() => clock.now());
    await api.start();
    const rest = discordRest({
      DISCORD_API_URL: `${api.url}/api`,
      DISCORD_TOKEN: "test-bot-token-0123456789",
    });
    app = createApp({
      store: await makeStore(),
      content: realContent(),
      log,
      clock,
      commands: [...commands, ...slowCommands],
    });
    app.connect("discord", new DiscordOutbox(rest, () => clock.now()));
    const keys = testKeys();
    privateKey = keys.privateKey;
    server = new HttpServer(log);
    server.route(
      "POST",
      "/discord/interactions",
      discordInteractionsEndpoint({
        bot: app.bot,
        rest,
        log,
        publicKey: publicKeyFromHex(keys.publicHex),
        deferAfterMs: 1,
      }),
    );
    url = `http://127.0.0.1:${await server.listen(0, "127.0.0.1")}/discord/interactions`;
    gateway = async (body) => {
      const created = api.interaction(body);
      await handleGatewayInteraction(created, rest, { bot: app.bot, rest, log, deferAfterMs: 1 });
      return api.interactionOf(created.token)?.response;
    };
  });
  afterAll(async () => {
    await server?.close();
    await app?.stop();
    await api?.stop();
  });
  afterEach(() => {
    api.webhookLagMs = 0;
    api.messages.splice(0);
  });

  /** Delivers an interaction over a transport; resolves once the bot is done with it. */
  async function run(transport: "http" | "gateway", body: Body) {
    if (transport === "gateway") return gateway(body);
    const delivered = await api.deliver(url, privateKey, body);
    await app.bot.drain();
    // The bot may still be finishing its last webhook call when the event is drained.
    await pause(20);
    const token = delivered.token;
    return api.interactionOf(token)?.response;
  }

  describe.each(["http", "gateway"] as const)("over %s", (transport) => {
    it("defers a private answer privately (type 5, flags 64) and shows it to the member alone", async () => {
      const response = await run(transport, payload.command(alice, "slowprivate"));
      expect(response).toMatchObject({ type: 5, flags: 64 });
      expect(texts(api, "member")).toContain("only for you");
      expect(api.visible("channel")).toEqual([]);
    });

    it("defers a public answer publicly and shows it to everyone", async () => {
      const response = await run(transport, payload.command(alice, "slowpublic"));
      expect(response).toMatchObject({ type: 5, flags: 0 });
      expect(texts(api, "channel")).toContain("for everyone");
      expect(api.visible("member")).toEqual([]);
    });

    it("turns a public deferral into a private answer: the member sees it alone, and nothing stays in the channel", async () => {
      const response = await run(transport, payload.command(alice, "slowsurprise"));
      expect(response).toMatchObject({ type: 5, flags: 0 });
      expect(texts(api, "member")).toContain("a private surprise");
      expect(api.visible("channel")).toEqual([]);
    });

    it("tells the member privately when a handler fails after a public deferral", async () => {
      await run(transport, payload.command(alice, "slowboom"));
      expect(texts(api, "member")).toContain("Something went wrong on my side");
      expect(api.visible("channel")).toEqual([]);
    });

    it("leaves a slow mock-answer submission a private confirmation and nothing public but the answer", async () => {
      const action = answerFormAction.id(partsOfTarget({ kind: "own" }));
      const submission = payload.modal(alice, action, { question: "Why Redis?", answer: "Lua scripts" });
      const response = await run(transport, submission);
      expect(response).toMatchObject({ type: 5, flags: 64 });
      expect(texts(api, "member")).toContain("Your answer is posted");
      const inChannel = api.visible("channel").filter((m) => m.channel_id === CHANNEL);
      expect(inChannel).toHaveLength(1);
      expect(JSON.stringify(inChannel[0])).toContain("Lua scripts");
      expect(texts(api, "channel")).not.toContain("Your answer is posted");
    });
  });

  it("retries webhook calls while Discord does not know the interaction's response yet (10015)", async () => {
    api.webhookLagMs = 300;
    await run("http", payload.command(alice, "slowprivate"));
    await pause(400);
    expect(texts(api, "member")).toContain("only for you");
    const refused = api.requests.filter(
      (r) => r.path.includes("/webhooks/") && api.effectOf(r) === undefined,
    );
    expect(refused.length).toBeGreaterThan(0);
  });

  it("gives up on a webhook call after a few seconds of Unknown Webhook", async () => {
    let calls = 0;
    const unknown = () => {
      calls++;
      return Promise.reject(
        new DiscordAPIError({ code: 10015, message: "Unknown Webhook" }, 10015, 404, "PATCH", "/x", {}),
      );
    };
    await expect(webhookCall(unknown, [1, 2, 3])).rejects.toBeInstanceOf(DiscordAPIError);
    expect(calls).toBe(4);
    const forbidden = () => {
      calls++;
      return Promise.reject(
        new DiscordAPIError({ code: 50001, message: "Missing Access" }, 50001, 403, "PATCH", "/x", {}),
      );
    };
    await expect(webhookCall(forbidden, [1, 2, 3])).rejects.toBeInstanceOf(DiscordAPIError);
    expect(calls).toBe(5);
  });
});

describe("Discord after an interaction's 15 minutes", () => {
  let api: DiscordStandIn;
  let bot: RunningBot;
  let privateKey: KeyObject;
  let url: string;
  const clock = new ManualClock(Date.parse("2026-03-02T12:00:00Z"));
  const group = `discord:${GUILD}:${CHANNEL}`;

  beforeAll(async () => {
    api = discordStandIn(() => clock.now());
    await api.start();
    const keys = testKeys();
    privateKey = keys.privateKey;
    const env = discordHttpEnv({
      apiUrl: api.url,
      publicHex: keys.publicHex,
      redisUrl: inject("redisUrl"),
      prefix: `dx${shortId(8)}`,
    });
    bot = await startBot(readConfig(env), log, { clock, content: realContent() });
    url = `http://127.0.0.1:${bot.port}/discord/interactions`;
  });
  afterAll(async () => {
    await bot?.stop();
    await api?.stop();
  });

  async function startRound(): Promise<{ roundId: string; messageId: string; token: string }> {
    const start = await api.deliver(url, privateKey, payload.command(alice, "quiz"));
    const data = start.json?.data as { components?: { components: { custom_id: string }[] }[] };
    const roundId = data.components?.[0]?.components[0]?.custom_id.split(":")[1] ?? "";
    for (let i = 0; i < 100; i++) {
      const round = await bot.app.services.store.getRound(group, roundId);
      if (round?.message) return { roundId, messageId: round.message.id, token: start.token };
      await pause(20);
    }
    throw new Error("the round got no message");
  }

  const invalidCounted = async () =>
    (await bot.app.services.metrics.invalidRequests.get()).values.reduce((n, v) => n + v.value, 0);

  it("edits a late result through the channel at once, never sending the webhook a spent token", async () => {
    const { messageId, token } = await startRound();
    const invalid = api.invalidRequests.length;
    clock.advance(20 * 60_000);
    await bot.app.closer.sweep();
    const [edit] = await api.waitFor("PATCH", new RegExp(`/channels/${CHANNEL}/messages/${messageId}$`));
    expect(JSON.stringify(edit?.body)).toContain("Quiz closed");
    expect(api.find("PATCH", new RegExp(`/webhooks/4242/${token}/`))).toEqual([]);
    expect(api.invalidRequests.length).toBe(invalid);
  });

  it("counts a refusal as an invalid request and does not retry a result the bot may not post", async () => {
    const { messageId } = await startRound();
    const before = await invalidCounted();
    const denied = { status: 403, body: { message: "Missing Access", code: 50001 } };
    api.once((r) => r.method === "PATCH" && r.path.endsWith(`/messages/${messageId}`), denied);
    api.once((r) => r.method === "POST" && r.path === `/api/v10/channels/${CHANNEL}/messages`, denied);
    clock.advance(20 * 60_000);
    await bot.app.closer.sweep();
    await api.waitFor("POST", new RegExp(`/channels/${CHANNEL}/messages$`));
    expect((await invalidCounted()) - before).toBe(2);
    const calls = api.requests.length;
    // An hour of sweeps later, nothing was asked of Discord again.
    for (let i = 0; i < 4; i++) {
      clock.advance(60_000);
      await bot.app.closer.sweep();
    }
    expect(api.requests.length).toBe(calls);
  });
});

describe("the Discord stand-in answers as Discord documents", () => {
  let api: DiscordStandIn;
  const clock = new ManualClock(Date.now());
  const rest = () =>
    discordRest({ DISCORD_API_URL: `${api.url}/api`, DISCORD_TOKEN: "test-bot-token-0123456789" });

  beforeAll(async () => {
    api = discordStandIn(() => clock.now());
    await api.start();
  });
  afterAll(async () => {
    await api?.stop();
  });

  const webhook = (token: string) => `/webhooks/4242/${token}` as const;
  const code = (p: Promise<unknown>) =>
    p.then(
      () => 0,
      (err: DiscordAPIError) => Number(err.code),
    );

  it("makes a follow-up straight after a type-5 deferral edit it, flags ignored, and refuses it once the deferral is deleted", async () => {
    const r = rest();
    const one = api.interaction(payload.command(alice, "x"));
    api.respond(one.token, { type: 5 });
    const sent = (await r.post(webhook(one.token), {
      body: { content: "secret", flags: 64 },
      auth: false,
    })) as {
      id: string;
      flags: number;
    };
    expect(sent).toMatchObject({ id: api.interactionOf(one.token)?.original?.id, flags: 0 });
    expect(api.visible("channel").map((m) => m.content)).toContain("secret");

    const two = api.interaction(payload.command(alice, "x"));
    api.respond(two.token, { type: 5 });
    await r.delete(`${webhook(two.token)}/messages/@original`, { auth: false });
    expect(await code(r.post(webhook(two.token), { body: { content: "x", flags: 64 }, auth: false }))).toBe(
      10008,
    );
  });

  it("knows an interaction's webhook only once it has the response, and refuses its token after 15 minutes", async () => {
    const r = rest();
    const i = api.interaction(payload.command(alice, "x"));
    expect(await code(r.get(`${webhook(i.token)}/messages/@original`, { auth: false }))).toBe(10015);
    api.respond(i.token, { type: 4, data: { content: "hi" } });
    expect(api.respond(i.token, { type: 4, data: { content: "again" } }).status).toBe(400);
    expect(await code(r.get(`${webhook(i.token)}/messages/@original`, { auth: false }))).toBe(0);
    const invalid = api.invalidRequests.length;
    clock.advance(15 * 60_000);
    expect(await code(r.patch(`${webhook(i.token)}/messages/@original`, { body: {}, auth: false }))).toBe(
      50027,
    );
    expect(api.invalidRequests.slice(invalid)).toMatchObject([{ status: 401 }]);
  });

  it("keeps what an edit leaves out, so the bot's edits clear an embed they replace with text", async () => {
    const outbox = new DiscordOutbox(rest(), () => clock.now());
    const place = { platform: "discord", workspace: GUILD, channel: CHANNEL };
    const ref = await outbox.post(place, {
      blocks: [
        { type: "header", text: "Rich" },
        { type: "text", text: "body" },
      ],
    });
    await outbox.edit(ref, { blocks: [{ type: "text", text: "plain now" }] });
    const message = api.messages.find((m) => m.id === ref.id);
    expect(message).toMatchObject({ content: "plain now", embeds: [] });
    await outbox.edit(ref, {
      blocks: [
        { type: "header", text: "Rich again" },
        { type: "text", text: "x" },
      ],
    });
    expect(api.messages.find((m) => m.id === ref.id)).toMatchObject({ content: "" });
  });
});
