import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { DiscordAPIError } from "@discordjs/rest";
import type { APIInteractionResponse } from "discord-api-types/v10";
import { discordCall } from "../src/adapters/discord/errors.ts";
import { discordRest } from "../src/adapters/discord/rest.ts";
import { PlatformRefusal } from "../src/core/errors.ts";
import { handleGatewayInteraction } from "../src/adapters/discord/gateway.ts";
import { dispatchInteraction } from "../src/adapters/discord/dispatch.ts";
import { normalize, rawInteraction } from "../src/adapters/discord/normalize.ts";
import { LIMITS, renderChoices, renderMessage } from "../src/adapters/discord/render.ts";
import { type App, createApp } from "../src/app.ts";
import { defineCommand } from "../src/core/command.ts";
import type { BotPort } from "../src/core/bot.ts";
import type { Block, Choice } from "../src/core/model.ts";
import { type DiscordStandIn, discordStandIn, type InitialResponse } from "../testkit/discord-api.ts";
import { payload } from "../testkit/discord-client.ts";
import { makeStore, ManualClock, realContent } from "./support/harness.ts";

const alice = { id: "111", name: "Alice" };

describe("Discord normalizer (gateway and HTTP payloads)", () => {
  const parse = (p: unknown) => normalize(rawInteraction.parse(p));

  it("turns a slash command into a neutral command with named values", () => {
    const n = parse(payload.command(alice, "quiz", [{ name: "topic", type: 3, value: "nodejs" }]));
    expect(n).toEqual({
      kind: "command",
      actor: { id: "111", name: "Alice", isOrganizer: false },
      place: { platform: "discord", workspace: "700", channel: "800" },
      command: "quiz",
      values: { topic: "nodejs" },
      attachments: {},
    });
  });

  it("makes members with Manage Server, Manage Channels or Administrator organizers", () => {
    for (const [bits, organizer] of [
      ["32", true],
      ["16", true],
      ["8", true],
      ["1024", false],
      ["oops", false],
    ] as const) {
      const n = parse(payload.command({ ...alice, permissions: bits }, "help"));
      expect(n.kind === "command" && n.actor.isOrganizer, bits).toBe(organizer);
    }
  });

  it("puts a thread in its parent channel's group and flattens subcommands", () => {
    const p = payload.command(alice, "studygroup", [
      {
        name: "setup",
        type: 1,
        value: undefined,
        options: [{ name: "timezone", type: 3, value: "Asia/Kolkata" }],
      } as never,
    ]);
    const inThread = { ...p, channel_id: "901", channel: { id: "901", type: 11, parent_id: "800" } };
    expect(parse(inThread)).toMatchObject({
      place: { platform: "discord", workspace: "700", channel: "800", thread: "901" },
      values: { action: "setup", timezone: "Asia/Kolkata" },
    });
  });

  it("reads buttons, modal values (classic and labelled) and the focused autocomplete option", () => {
    expect(parse(payload.button(alice, "quiz.answer:abc:1", "555"))).toMatchObject({
      kind: "button",
      action: "quiz.answer:abc:1",
      message: { platform: "discord", channel: "800", id: "555" },
    });
    const modal = payload.modal(alice, "m.s:1", { answer: "my answer" });
    (modal.data.components as unknown[]).push({
      type: 18,
      component: { type: 4, custom_id: "extra", value: "x" },
    });
    expect(parse(modal)).toMatchObject({
      kind: "form",
      action: "m.s:1",
      values: { answer: "my answer", extra: "x" },
    });
    expect(parse(payload.autocomplete(alice, "quiz", "topic", "stre"))).toMatchObject({
      kind: "autocomplete",
      request: { command: "quiz", option: "topic", partial: "stre" },
    });
  });

  it("uses the display name of a direct-message user and refuses payloads it cannot place", () => {
    const dm = {
      ...payload.command(alice, "help"),
      guild_id: undefined,
      member: undefined,
      user: { id: "5", username: "zed", global_name: null },
    };
    expect(parse(dm)).toMatchObject({ actor: { id: "5", name: "zed" }, place: { workspace: "dm" } });
    const nowhere = { ...payload.command(alice, "help"), channel_id: undefined, channel: undefined };
    expect(parse(nowhere).kind).toBe("unsupported");
    expect(rawInteraction.safeParse({ type: 2 }).success).toBe(false);
  });
});

describe("Discord errors an organizer can act on", () => {
  const refused = (code: number, status: number, where: "channel" | "thread" = "channel") =>
    discordCall(() => {
      throw new DiscordAPIError(
        { code, message: "refused" },
        code,
        status,
        "POST",
        "/channels/1/messages",
        {},
      );
    }, where);

  it("names the channel problem, and passes other failures on as they are", async () => {
    for (const [code, status, text, refusal, where] of [
      [50001, 403, "give me the View Channel permission", "discord-50001"],
      [50013, 403, "I need Send Messages, Embed Links and Create Public Threads", "discord-50013"],
      [50013, 403, "I need Send Messages in Threads and Embed Links", "discord-50013", "thread"],
      [50008, 400, "set the group up in a text channel", "discord-50008"],
      [0, 401, "Discord rejected the bot's token", "discord-401"],
    ] as const) {
      const err = await refused(code, status, where).catch((e: unknown) => e);
      expect(err, String(code)).toBeInstanceOf(PlatformRefusal);
      expect((err as PlatformRefusal).code).toBe(refusal);
      expect((err as Error).message).toContain(text);
    }
    await expect(refused(40060, 400)).rejects.toBeInstanceOf(DiscordAPIError);
  });
});

describe("Discord command registration", () => {
  it("gives organizer-only commands the Manage Server default permission, servers as their only context, and string lengths from the schema", async () => {
    const { applicationCommands } = await import("../src/adapters/discord/commands.ts");
    const onlyOrganizers = defineCommand({
      name: "admin",
      description: "organizers only",
      args: z.object({ level: z.number().int().min(1).max(3), note: z.string().max(120).optional() }),
      organizerOnly: true,
      run: async () => {},
    });
    const [json] = applicationCommands([onlyOrganizers]);
    expect(json).toMatchObject({
      name: "admin",
      default_member_permissions: "32",
      contexts: [0],
      integration_types: [0],
      options: [
        { name: "level", type: 4, required: true, min_value: 1, max_value: 3 },
        { name: "note", type: 3, required: false, max_length: 120 },
      ],
    });
    expect(json).not.toHaveProperty("dm_permission");
  });
});

describe("Discord rendering stays inside Discord's limits", () => {
  it("splits buttons into rows of 5, at most 5 rows, shortens labels and never cuts a custom id", () => {
    const buttons = Array.from({ length: 30 }, (_, i) => ({
      action: `a:${i}:${"x".repeat(90)}`,
      label: "L".repeat(100 + i),
    }));
    const out = renderMessage({
      blocks: [
        { type: "text", text: "pick" },
        { type: "buttons", buttons },
      ],
    });
    expect(out.components).toHaveLength(LIMITS.rows);
    for (const row of out.components ?? []) {
      expect(row.components.length).toBeLessThanOrEqual(5);
      for (const b of row.components) {
        expect(b.label?.length).toBeLessThanOrEqual(80);
        expect(b.custom_id.length).toBeLessThanOrEqual(100);
        expect(buttons.map((x) => x.action)).toContain(b.custom_id);
      }
    }
    expect(out.content).toBe("pick");
    const tooLong = { type: "buttons" as const, buttons: [{ action: `a:${"x".repeat(100)}`, label: "x" }] };
    expect(() => renderMessage({ blocks: [tooLong] })).toThrow("over Discord's 100 characters");
  });

  it("shortens long embeds cleanly: title, description, fields and the 6000-character total", () => {
    const blocks: Block[] = [
      { type: "header", text: "T".repeat(300) },
      { type: "text", text: "D".repeat(5000) },
      {
        type: "section",
        fields: Array.from({ length: 30 }, (_, i) => ({ label: `F${i}`, value: "v".repeat(1500) })),
      },
      { type: "context", text: "c".repeat(3000) },
    ];
    const embed = renderMessage({ blocks }).embeds?.[0];
    if (!embed) throw new Error("no embed");
    expect(embed.title?.length).toBeLessThanOrEqual(256);
    expect(embed.title?.endsWith("…")).toBe(true);
    expect(embed.description?.length).toBeLessThanOrEqual(4096);
    expect(embed.fields?.length).toBeLessThanOrEqual(25);
    for (const f of embed.fields ?? []) expect(f.value.length).toBeLessThanOrEqual(1024);
    const total =
      (embed.title?.length ?? 0) +
      (embed.description?.length ?? 0) +
      (embed.footer?.text.length ?? 0) +
      (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
    expect(total).toBeLessThanOrEqual(6000);
  });
});

describe("Discord autocomplete answers within Discord's limits", () => {
  const many: Choice[] = Array.from({ length: 40 }, (_, i) => ({ name: `Choice ${i}`, value: `c${i}` }));

  it("keeps the first 25 suggestions, shortens long names and leaves out values Discord would refuse", () => {
    const long = { name: "N".repeat(150), value: "long-name" };
    const tooLong = { name: "too long a value", value: "v".repeat(101) };
    const out = renderChoices([tooLong, long, ...many]);
    expect(out).toHaveLength(LIMITS.choices);
    expect(out[0]).toEqual({ name: `${"N".repeat(99)}…`, value: "long-name" });
    expect(out.slice(1)).toEqual(many.slice(0, 24));
    expect(renderChoices(many.slice(0, 3))).toEqual(many.slice(0, 3));
  });

  it("answers an autocomplete interaction with the core's suggestions cut to Discord's 25", async () => {
    const bot: BotPort = {
      commands: [],
      handle: async () => "ok",
      autocomplete: async () => many,
      home: async () => ({ blocks: [] }),
      renamed: async () => {},
    };
    const initial: unknown[] = [];
    const raw = rawInteraction.parse(payload.autocomplete(alice, "quiz", "topic", ""));
    await dispatchInteraction(raw, async (r) => void initial.push(r), {
      bot,
      rest: discordRest({
        DISCORD_API_URL: "http://127.0.0.1:9/api",
        DISCORD_TOKEN: "test-bot-token-0123456789",
      }),
      log: pino({ level: "silent" }),
    });
    expect(initial).toEqual([{ type: 8, data: { choices: many.slice(0, 25) } }]);
  });
});

describe("Discord acknowledgement within 3 seconds", () => {
  let api: DiscordStandIn;
  const apps: App[] = [];
  beforeAll(async () => {
    api = discordStandIn();
    await api.start();
  });
  afterAll(async () => {
    for (const app of apps) await app.stop();
    await api.stop();
  });

  async function slowApp(privately: boolean) {
    const slow = defineCommand({
      name: "slow",
      description: "takes a while",
      args: z.object({}),
      run: async (ctx) => {
        await new Promise((r) => setTimeout(r, 150));
        const msg = ctx.text("finally");
        if (privately) await ctx.replyPrivately(msg, "public");
        else await ctx.reply(msg);
      },
    });
    const clock = new ManualClock(Date.now());
    const app = createApp({
      store: await makeStore(),
      content: realContent(),
      log: pino({ level: "silent" }),
      clock,
      commands: [slow],
    });
    apps.push(app);
    return app;
  }

  /** Runs the slow command through the dispatcher with a short deferral; returns the initial responses. */
  async function runSlow(privately: boolean) {
    const app = await slowApp(privately);
    const rest = discordRest({
      DISCORD_API_URL: `${api.url}/api`,
      DISCORD_TOKEN: "test-bot-token-0123456789",
    });
    const initial: unknown[] = [];
    const raw = rawInteraction.parse(api.interaction(payload.command(alice, "slow")));
    const log = pino({ level: "silent" });
    const sink = async (r: APIInteractionResponse) => {
      initial.push(r);
      api.respond(raw.token, r as InitialResponse);
    };
    await dispatchInteraction(raw, sink, {
      bot: app.bot,
      rest,
      log,
      deferAfterMs: 30,
    });
    return { initial, raw };
  }

  it("defers a slow command, then replaces the deferred response with the reply", async () => {
    const { initial, raw } = await runSlow(false);
    expect(initial).toEqual([{ type: 5 }]);
    const [patch] = api.find("PATCH", new RegExp(`/webhooks/4242/${raw.token}/messages/@original$`));
    expect(patch?.body).toMatchObject({ content: "finally" });
  });

  it("answers privately after a public deferral: the deferral becomes a short note, the answer follows up privately, and the note is removed", async () => {
    const { initial, raw } = await runSlow(true);
    expect(initial).toEqual([{ type: 5 }]);
    const calls = api.requests
      .filter((r) => r.path.includes(`/webhooks/4242/${raw.token}`))
      .map((r) => `${r.method} ${r.path.endsWith("@original") ? "@original" : "follow-up"}`);
    expect(calls).toEqual(["PATCH @original", "POST follow-up", "DELETE @original"]);
    const [followUp] = api.find("POST", new RegExp(`/webhooks/4242/${raw.token}$`));
    expect(followUp?.body).toMatchObject({ content: "finally", flags: 64 });
    const i = api.interactionOf(raw.token);
    expect(i?.original?.deleted).toBe(true);
    const answer = [...(i?.followUps.values() ?? [])];
    expect(answer).toMatchObject([{ content: "finally", audience: "member", deleted: false }]);
  });

  it("waits for Discord to have the deferral before editing the deferred response", async () => {
    const app = await slowApp(false);
    const rest = discordRest({
      DISCORD_API_URL: `${api.url}/api`,
      DISCORD_TOKEN: "test-bot-token-0123456789",
    });
    let deferralDone = 0;
    const raw = rawInteraction.parse(api.interaction(payload.command(alice, "slow")));
    await dispatchInteraction(
      raw,
      async (r) => {
        // Discord takes a while to accept the deferral (a slow gateway callback).
        await new Promise((resolve) => setTimeout(resolve, 300));
        api.respond(raw.token, r as InitialResponse);
        deferralDone = Date.now();
      },
      { bot: app.bot, rest, log: pino({ level: "silent" }), deferAfterMs: 10 },
    );
    const [patch] = api.find("PATCH", new RegExp(`/webhooks/4242/${raw.token}/messages/@original$`));
    expect(deferralDone).toBeGreaterThan(0);
    expect(patch?.at).toBeGreaterThanOrEqual(deferralDone);
  });

  it("answers gateway interactions through the REST callback endpoint", async () => {
    const app = createApp({
      store: await makeStore(),
      content: realContent(),
      log: pino({ level: "silent" }),
      clock: new ManualClock(Date.now()),
    });
    apps.push(app);
    const rest = discordRest({
      DISCORD_API_URL: `${api.url}/api`,
      DISCORD_TOKEN: "test-bot-token-0123456789",
    });
    const raw = api.interaction(payload.command(alice, "daily"));
    await handleGatewayInteraction(raw, rest, { bot: app.bot, rest, log: pino({ level: "silent" }) });
    const [callback] = api.find("POST", new RegExp(`/interactions/${raw.id}/${raw.token}/callback$`));
    expect(callback?.headers.authorization).toBeUndefined();
    expect(callback?.body).toMatchObject({
      type: 4,
      data: { embeds: [{ title: expect.stringContaining("Day 1 of 30") }] },
    });
    await handleGatewayInteraction({ garbage: true }, rest, {
      bot: app.bot,
      rest,
      log: pino({ level: "silent" }),
    });
  });
});
