import { readFileSync } from "node:fs";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { z } from "zod";
import { createApp } from "../src/app.ts";
import { CONFIG_VARIABLES, readConfig } from "../src/config.ts";
import { defineCommand } from "../src/core/command.ts";
import { shortId } from "../src/core/ids.ts";
import { parseRedisUrl } from "../src/store/redis-client.ts";
import { type RunningBot, startBot } from "../src/start.ts";
import { discordStandIn } from "../testkit/discord-api.ts";
import { payload, signedRequest, testKeys, discordHttpEnv } from "../testkit/discord-client.ts";
import { makeStore, ManualClock, RecordingPlatform, realContent } from "./support/harness.ts";
import { BotProcess } from "./support/bot-process.ts";
import { freePort } from "../testkit/redis-server.ts";
import type { StandIn } from "../testkit/stand-in.ts";

describe("health and metrics", () => {
  let api: StandIn;
  let bot: RunningBot;
  const keys = testKeys();
  let base: string;

  beforeAll(async () => {
    api = discordStandIn();
    await api.start();
    const config = readConfig(
      discordHttpEnv({
        apiUrl: api.url,
        publicHex: keys.publicHex,
        redisUrl: inject("redisUrl"),
        prefix: `o${shortId(8)}`,
      }),
    );
    bot = await startBot(config, pino({ level: "silent" }), { content: realContent() });
    base = `http://127.0.0.1:${bot.port}`;
  });
  afterAll(async () => {
    await bot?.stop();
    await api?.stop();
  });

  it("reports ready on /healthz while Redis answers", async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", store: "redis" });
    expect((await fetch(`${base}/nope`)).status).toBe(404);
    expect((await fetch(`${base}/healthz`, { method: "POST" })).status).toBe(405);
  });

  it("counts events by kind and outcome, handler latency, platform errors and rate-limit waits on /metrics", async () => {
    const send = (body: unknown) => {
      const text = JSON.stringify(body);
      return fetch(`${base}/discord/interactions`, {
        method: "POST",
        body: text,
        headers: signedRequest(keys.privateKey, text),
      });
    };
    await send(payload.command({ id: "1", name: "A" }, "daily"));
    await send(payload.command({ id: "1", name: "A" }, "nope"));
    api.once((r) => r.method === "POST" && /\/channels\/\d+\/messages$/.test(r.path), {
      status: 500,
      body: { message: "oops" },
    });
    await bot.app.services.outboxes
      .get("discord")
      ?.post(
        { platform: "discord", workspace: "1", channel: "42" },
        { blocks: [{ type: "text", text: "x" }] },
      );
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toContain('studybot_events_total{platform="discord",kind="command",outcome="ok"} 1');
    expect(text).toContain('studybot_events_total{platform="discord",kind="command",outcome="user-error"} 1');
    expect(text).toMatch(/studybot_handler_seconds_count\{kind="command"\} 2/);
    expect(text).toContain('studybot_platform_errors_total{platform="discord",code="500"} 1');
    expect(text).toContain("# TYPE studybot_posts_total counter");
    expect(text).toContain("# TYPE studybot_rate_limit_waits_total counter");
    expect(text).toContain("# TYPE studybot_redis_errors_total counter");
  });
});

describe("shutdown", () => {
  it("lets an event in flight finish before the store closes", async () => {
    let finished = false;
    const slow = defineCommand({
      name: "slow",
      description: "slow",
      args: z.object({}),
      run: async (ctx) => {
        await new Promise((r) => setTimeout(r, 200));
        await ctx.reply(ctx.text("done"));
        finished = true;
      },
    });
    const store = await makeStore();
    const app = createApp({
      store,
      content: realContent(),
      log: pino({ level: "silent" }),
      clock: new ManualClock(0),
      commands: [slow],
    });
    const platform = new RecordingPlatform();
    const handled = app.bot.handle(
      platform.event(
        { id: "u", name: "u" },
        { platform: "test", workspace: "w", channel: "c" },
        { kind: "command", command: "slow" },
      ),
    );
    await app.stop();
    expect(finished).toBe(true);
    expect(await handled).toBe("ok");
  });

  it("exits 0 on SIGTERM after closing everything", async () => {
    const api = discordStandIn();
    await api.start();
    const port = await freePort();
    const keys = testKeys();
    const bot = new BotProcess(
      discordHttpEnv({
        apiUrl: api.url,
        publicHex: keys.publicHex,
        redisUrl: inject("redisUrl"),
        prefix: `x${shortId(6)}`,
        port,
      }),
    );
    try {
      await bot.waitStarted();
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      expect(await bot.stop("SIGTERM")).toBe(0);
      expect(bot.logs).toContain('"msg":"shutting down"');
      expect(bot.logs).toContain('"msg":"bot stopped"');
      const line = bot.logs.split("\n").find((l) => l.includes('"bot started"')) ?? "";
      expect(JSON.parse(line)).toMatchObject({ level: 30, platforms: ["discord"] });
    } finally {
      await bot.stop("SIGKILL");
      await api.stop();
    }
  });
});

describe("configuration", () => {
  it("documents every variable in .env.example", () => {
    const documented = readFileSync(".env.example", "utf8")
      .split("\n")
      .map((line) => /^([A-Z_]+)=/.exec(line)?.[1])
      .filter(Boolean);
    expect([...documented].sort()).toEqual([...CONFIG_VARIABLES].sort());
  });

  it("never prints a secret in a configuration error", () => {
    expect(() => readConfig({ SLACK_BOT_TOKEN: "not-a-bot-token-but-secret" })).toThrow(
      "Invalid configuration: SLACK_BOT_TOKEN must be a bot token (xoxb-…) (got a value of 26 characters)",
    );
    expect(() => readConfig({ REDIS_URL: "http://user:hunter2@host" })).toThrow('(got "http://***@host")');
  });

  it("stops on a malformed variable with one line naming it", () => {
    expect(() => readConfig({ PORT: "eighty" })).toThrow(/^Invalid configuration: PORT /);
    expect(() => readConfig({ DEFAULT_TIMEZONE: "Mars/Base" })).toThrow(
      "DEFAULT_TIMEZONE must be an IANA time zone",
    );
    expect(() => readConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_TRANSPORT: "http" })).toThrow(
      "SLACK_SIGNING_SECRET is required",
    );
    expect(() => readConfig({ DISCORD_TOKEN: "x".repeat(30), DISCORD_TRANSPORT: "http" })).toThrow(
      "DISCORD_PUBLIC_KEY is required",
    );
  });
});

describe("REDIS_URL", () => {
  it("accepts plain, TLS, Sentinel and Cluster forms", () => {
    expect(parseRedisUrl("redis://h:6379/2")).toEqual({ kind: "single", url: "redis://h:6379/2" });
    expect(parseRedisUrl("rediss://:pw@h:6380")).toEqual({ kind: "single", url: "rediss://:pw@h:6380" });
    expect(parseRedisUrl("redis-sentinel://:s%40cret@a:26379,b/mymaster")).toEqual({
      kind: "sentinel",
      sentinels: [
        { host: "a", port: 26379 },
        { host: "b", port: 26379 },
      ],
      name: "mymaster",
      password: "s@cret",
    });
    expect(parseRedisUrl("redis-cluster://n1:7000,n2:7001")).toEqual({
      kind: "cluster",
      nodes: [
        { host: "n1", port: 7000 },
        { host: "n2", port: 7001 },
      ],
      password: undefined,
    });
    expect(() => parseRedisUrl("redis-sentinel://a:26379")).toThrow("needs the master name");
    expect(() => readConfig({ REDIS_URL: "http://h" })).toThrow("Invalid configuration: REDIS_URL");
    expect(readConfig({ REDIS_URL: "redis-cluster://n1:7000,n2:7001" }).REDIS_URL).toBe(
      "redis-cluster://n1:7000,n2:7001",
    );
  });
});
