/**
 * Benchmarks (`npm run bench`): the quiz-answer path on Discord and Slack against a bare floor, Redis
 * round trips per answer, the daily fan-out under Discord's global rate limit, and memory.
 *
 * Layout: this process runs redis-server (a child), the bot (startBot, in process), the floors and
 * the Discord stand-in. A forked load generator (bench/loadgen.ts) sends the requests and hosts the
 * Slack stand-in; a forked bot (bench/memory-bot.ts) gives memory figures of the bot alone.
 * Everything listens on 127.0.0.1. Timings are printed and written to bench/RESULTS.md, never asserted.
 *
 * Sizes can be lowered for a quick look: BENCH_ANSWERS, BENCH_TRIALS, BENCH_CONCURRENCY,
 * BENCH_FANOUT_GROUPS, BENCH_MEMORY_ANSWERS, BENCH_SCALE_GROUPS, BENCH_SCALE_FANOUT, BENCH_SCALE_MEMBERS,
 * BENCH_BUDGET_GROUPS, BENCH_CARD_MEMBERS, BENCH_CARDS, BENCH_PICTURES, BENCH_PROD_STARTS; BENCH_ONLY=answers
 * runs only the quiz-answer sections (prod-memory, only the production build's memory) and prints them
 * without touching RESULTS.md.
 */
import { createPublicKey, type KeyObject } from "node:crypto";
import { Session } from "node:inspector/promises";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Redis } from "ioredis";
import { readConfig } from "../src/config.ts";
import { botLog } from "../src/ops/log.ts";
import { localDay } from "../src/domain/calendar.ts";
import { DEFAULT_SCORING } from "../src/domain/scoring.ts";
import { type RunningBot, startBot } from "../src/start.ts";
import { globalKeys } from "../src/store/keys.ts";
import { RedisStore } from "../src/store/redis-store.ts";
import { GUILD, payload, signedRequest, testKeys } from "../testkit/discord-client.ts";
import { slackHeaders, blockActions } from "../testkit/slack-api.ts";
import { Loadgen, MemoryBot } from "./lib/children.ts";
import { RateLimitedDiscord } from "./lib/discord-standin.ts";
import { startBoltCeiling } from "./lib/bolt-ceiling.ts";
import { type Floor, startDiscordFloor, startSlackFloor } from "./lib/floor.ts";
import { describeMachine, type Machine } from "./lib/machine.ts";
import { measurePieces, type Piece } from "./pieces.ts";
import { measureScale, scaleReport } from "./scale.ts";
import { cardsReport, measureCards } from "./memory-cards.ts";
import { budgetReport, fanOutAtScaleReport, measureSharedBudget } from "./budget.ts";
import { measureMemberMemory, memberMemoryReport } from "./member-memory.ts";
import { measureProdMemory, prodMemoryReport } from "./lib/prod-memory.ts";
import { measurePictures, picturesReport } from "./pictures.ts";
import type { BenchRequest, MemorySample, RunResult } from "./lib/protocol.ts";
import { BenchRedis } from "./lib/redis-server.ts";
import { fmt, mb, median, ms, summarize, table } from "./lib/stats.ts";

const num = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
};
const ANSWERS = num("BENCH_ANSWERS", 5000);
const TRIALS = num("BENCH_TRIALS", 7);
const CONCURRENCY = num("BENCH_CONCURRENCY", 50);
const WARMUP = Math.min(1000, ANSWERS);
const ROUND_TRIP_ANSWERS = Math.min(1000, ANSWERS);
const FANOUT_GROUPS = num("BENCH_FANOUT_GROUPS", 1000);
/** A second, smaller fan-out with this much network latency on every Discord answer. */
const FANOUT_LATENCY_GROUPS = Math.min(250, FANOUT_GROUPS);
const FANOUT_LATENCY_MS = 50;
const MEMORY_ANSWERS = num("BENCH_MEMORY_ANSWERS", 10_000);
const SCALE_GROUPS = num("BENCH_SCALE_GROUPS", 100_000);
/** Of the scale section's groups, this many are due at once for three processes. */
const SCALE_FANOUT = Math.min(num("BENCH_SCALE_FANOUT", 1000), SCALE_GROUPS);
/** Active members for Redis memory per member, in groups of 100. */
const SCALE_MEMBERS = num("BENCH_SCALE_MEMBERS", 10_000);
const MEMBERS_PER_GROUP = Math.min(100, SCALE_MEMBERS);
const BUDGET_GROUPS = num("BENCH_BUDGET_GROUPS", 600);
const CARD_MEMBERS = num("BENCH_CARD_MEMBERS", 20);
const CARDS = num("BENCH_CARDS", 400);
/**
 * BENCH_ONLY=answers runs only the quiz-answer sections (Discord, Slack, round trips, steps) and prints
 * them; BENCH_ONLY=discord or slack, only that platform's (the other's rows then read NaN);
 * BENCH_ONLY=prod-memory, only the production build's memory. None of these rewrites RESULTS.md.
 */
const ONLY = process.env.BENCH_ONLY;
/** BENCH_PROFILE=<folder> writes a CPU profile of this process during each trial (not the warm-ups). */
const PROFILE_DIR = process.env.BENCH_PROFILE;
const DISCORD_RATE = 50;
/** Hard stop for the whole run, so a hang can never keep the machine busy. */
const WATCHDOG_MS = 11 * 60_000;

const SLACK_SECRET = "bench-signing-secret-1234";
const SLACK_TEAM = "T1";
const SLACK_CHANNEL = "C100";
const FORM = "application/x-www-form-urlencoded";
const LOCKED_IN = "locked in";
const SLACK_GROUP = `slack:${SLACK_TEAM}:${SLACK_CHANNEL}`;
const RESULTS_FILE = fileURLToPath(new URL("./RESULTS.md", import.meta.url));

const sleep = (msToWait: number) => new Promise((r) => setTimeout(r, msToWait));
const say = (line: string) => console.log(line);

// ---------------------------------------------------------------------------------------------
// Request builders (all signing happens here, before any timing)

interface Round {
  roundId: string;
  options: number;
}

let memberSeq = 0;
/** A fresh numeric member id, distinct across every batch of the run. */
const nextMember = () => String(100_000_000_000 + ++memberSeq);

function discordAnswers(privateKey: KeyObject, round: Round, n: number): BenchRequest[] {
  return Array.from({ length: n }, (_, i) => {
    const id = nextMember();
    const body = JSON.stringify(
      payload.button({ id, name: `Member ${id}` }, `quiz.answer:${round.roundId}:${i % round.options}`),
    );
    return { path: "/discord/interactions", headers: signedRequest(privateKey, body), body };
  });
}

function slackAction(actionId: string, user: string, responseUrl: string): string {
  const body = blockActions({ actionId, user, team: SLACK_TEAM, channel: SLACK_CHANNEL, responseUrl });
  return new URLSearchParams({ payload: JSON.stringify(body) }).toString();
}

function slackAnswers(standIn: string, tag: string, round: Round, n: number): BenchRequest[] {
  return Array.from({ length: n }, (_, i) => {
    const body = slackAction(
      `quiz.answer:${round.roundId}:${i % round.options}`,
      `U${nextMember()}`,
      `${standIn}/response/${tag}/${i}`,
    );
    return { path: "/slack/events", headers: slackHeaders(SLACK_SECRET, body, FORM), body };
  });
}

// ---------------------------------------------------------------------------------------------
// Measurements

type SlackServer = "bot" | "floor" | "ceiling";
const SLACK_SERVER_NAMES: Record<SlackServer, string> = {
  bot: "bot",
  floor: "floor",
  ceiling: "Bolt ceiling",
};
type SlackRuns = Record<SlackServer, Measured[]>;

interface Measured {
  label: string;
  n: number;
  throughput: number;
  p50: number;
  p99: number;
  max: number;
  ok: number;
  problems: string[];
  /** Slack only: from the first request until the last response_url post arrived. */
  endToEndMs?: number;
  delivered?: number;
  /** CPU time of this process (bot or floor; the client is elsewhere) per answer, in µs. */
  cpuUsPerAnswer?: number;
  /** Event-loop utilization of this process while the requests were being sent (1 = saturated). */
  elu?: number;
}

/** Profiles this process's CPU from now until the returned function is called, into PROFILE_DIR. */
async function profile(label: string): Promise<() => Promise<void>> {
  if (!PROFILE_DIR) return async () => {};
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 200 });
  await session.post("Profiler.start");
  return async () => {
    const { profile: taken } = await session.post("Profiler.stop");
    const file = join(PROFILE_DIR, `${label.replace(/\W+/g, "-")}-${Date.now()}.cpuprofile`);
    mkdirSync(PROFILE_DIR, { recursive: true });
    writeFileSync(file, JSON.stringify(taken));
    session.disconnect();
  };
}

/** CPU and event-loop use of this process over a stretch of time. */
function meter() {
  const cpu = process.cpuUsage();
  const elu = performance.eventLoopUtilization();
  return {
    elu: () => performance.eventLoopUtilization(elu).utilization,
    cpuUs: () => {
      const d = process.cpuUsage(cpu);
      return d.user + d.system;
    },
  };
}

function measured(label: string, n: number, r: RunResult, expectOk: (r: RunResult) => number): Measured {
  const lat = summarize(r.latenciesMs);
  const problems: string[] = [];
  const non200 = Object.entries(r.statuses).filter(([s]) => s !== "200");
  if (non200.length) problems.push(`statuses ${JSON.stringify(r.statuses)}`);
  if (r.errors) problems.push(`${r.errors} client errors (${r.firstError})`);
  return {
    label,
    n,
    throughput: (n / r.wallMs) * 1000,
    p50: lat.p50,
    p99: lat.p99,
    max: lat.max,
    ok: expectOk(r),
    problems,
  };
}

class Bench {
  private redis = new BenchRedis();
  private admin!: Redis;
  private loadgen?: Loadgen;
  private discordApi = new RateLimitedDiscord(DISCORD_RATE);
  private bot?: RunningBot;
  private floors: Floor[] = [];
  private floorRedis?: Redis;
  private floorStore!: RedisStore;
  private memoryBot?: MemoryBot;
  private readonly logDir = mkdtempSync(join(tmpdir(), "sg-bench-log-"));
  private readonly logFile = join(this.logDir, "bot.log");
  private keys = testKeys();
  private slackStandIn = "";
  private botUrl = "";
  private floorSeq = 0;
  private tagSeq = 0;
  machine!: Machine;

  async setUp(): Promise<void> {
    await this.redis.start();
    this.admin = this.redis.client();
    this.machine = await describeMachine(this.admin);
    this.loadgen = new Loadgen();
    this.slackStandIn = await this.loadgen.slackStandIn();
    await this.discordApi.start();
    // Production logs at info to stdout, in batches (src/main.ts, src/ops/log.ts); here the same lines
    // go to a file the same way, read at the end.
    const log = botLog("info", this.logFile);
    this.bot = await startBot(
      readConfig({
        DISCORD_TOKEN: "bench-bot-token-0123456789",
        DISCORD_TRANSPORT: "http",
        DISCORD_PUBLIC_KEY: this.keys.publicHex,
        DISCORD_API_URL: `${this.discordApi.url}/api`,
        SLACK_BOT_TOKEN: "xoxb-bench-token",
        SLACK_SIGNING_SECRET: SLACK_SECRET,
        SLACK_TRANSPORT: "http",
        SLACK_API_URL: `${this.slackStandIn}/api/`,
        REDIS_URL: this.redis.url,
        REDIS_PREFIX: "sg",
        QUIZ_SECONDS: "3600",
        PORT: "0",
      }),
      log,
    );
    this.botUrl = `http://127.0.0.1:${this.bot.port}`;
    this.floorRedis = this.redis.client();
    this.floorStore = new RedisStore(this.floorRedis, { prefix: "floor", scoring: DEFAULT_SCORING });
  }

  private redisClient(): Redis {
    if (!this.floorRedis) throw new Error("redis is not running");
    return this.floorRedis;
  }

  private get app() {
    if (!this.bot) throw new Error("the bot is not running");
    return this.bot.app;
  }

  private get gen(): Loadgen {
    if (!this.loadgen) throw new Error("the load generator is not running");
    return this.loadgen;
  }

  // ----- quiz rounds

  async discordQuiz(baseUrl = this.botUrl): Promise<Round> {
    const body = JSON.stringify(
      payload.command({ id: "1000", name: "Olga" }, "quiz", [{ name: "topic", type: 3, value: "nodejs" }]),
    );
    const res = await fetch(`${baseUrl}/discord/interactions`, {
      method: "POST",
      body,
      headers: signedRequest(this.keys.privateKey, body),
    });
    const json = (await res.json()) as { data?: { components?: { components: { custom_id: string }[] }[] } };
    const answers = (json.data?.components ?? [])
      .flatMap((row) => row.components)
      .map((c) => c.custom_id)
      .filter((id) => id.startsWith("quiz.answer:"));
    const roundId = answers[0]?.split(":")[1];
    if (!roundId) throw new Error(`/quiz did not start a round: ${JSON.stringify(json).slice(0, 300)}`);
    return { roundId, options: answers.length };
  }

  async slackQuiz(): Promise<Round> {
    const store = this.app.services.store;
    // Open rounds are in the due-round index until they close (rounds keep Redis time, so read the
    // index itself rather than asking what is due "at" a far future).
    const openRounds = async () =>
      (await this.redisClient().zrange(globalKeys("sg").dueRounds, 0, -1))
        .map((m) => ({ group: m.slice(0, m.lastIndexOf("|")), roundId: m.slice(m.lastIndexOf("|") + 1) }))
        .filter((r) => r.group === SLACK_GROUP)
        .map((r) => r.roundId);
    const before = new Set(await openRounds());
    const body = new URLSearchParams({
      token: "legacy",
      team_id: SLACK_TEAM,
      team_domain: "t",
      channel_id: SLACK_CHANNEL,
      channel_name: "study",
      user_id: "UOLGA",
      user_name: "olga",
      command: "/quiz",
      text: "nodejs",
      api_app_id: "A1",
      is_enterprise_install: "false",
      response_url: `${this.slackStandIn}/response/commands/${++this.tagSeq}`,
      trigger_id: "1.2.3",
    }).toString();
    const res = await fetch(`${this.botUrl}/slack/events`, {
      method: "POST",
      body,
      headers: slackHeaders(SLACK_SECRET, body, FORM),
    });
    await res.text();
    for (let attempt = 0; attempt < 100; attempt++) {
      const fresh = (await openRounds()).find((id) => !before.has(id));
      if (fresh) {
        const round = await store.getRound(SLACK_GROUP, fresh);
        return { roundId: fresh, options: round?.optionCount ?? 4 };
      }
      await sleep(50);
    }
    throw new Error("the Slack /quiz command started no round");
  }

  async floorRound(group: string, options: number): Promise<Round> {
    const roundId = `floor${++this.floorSeq}`;
    const now = Date.now();
    await this.floorStore.createRound(
      group,
      {
        id: roundId,
        questionId: "floor-question",
        answer: 1,
        optionCount: options,
        startedBy: "1000",
        startedAt: now,
        closesAt: now + 3600_000,
        timezone: "UTC",
      },
      7200,
    );
    return { roundId, options };
  }

  // ----- 1. Discord answers

  async discordRun(target: "bot" | "floor", url: string, n: number): Promise<Measured> {
    const round = target === "bot" ? await this.discordQuiz() : await this.floorRound("discord:floor:1", 4);
    const requests = discordAnswers(this.keys.privateKey, round, n);
    const stop = n === ANSWERS ? await profile(`discord-${target}`) : async () => {};
    const use = meter();
    const r = await this.gen.run({ target: url, requests, concurrency: CONCURRENCY, expect: LOCKED_IN });
    await stop();
    const m = measured(`Discord ${target}`, n, r, (x) => x.matched);
    m.elu = use.elu();
    m.cpuUsPerAnswer = use.cpuUs() / n;
    if (m.ok !== n) m.problems.push(`${n - m.ok} answers not "locked in" (sample: ${r.sampleBody})`);
    return m;
  }

  async discord(): Promise<{ bot: Measured[]; floor: Measured[] }> {
    const floor = await startDiscordFloor(
      this.floorStore,
      createPublicKey(this.keys.privateKey),
      "discord:floor:1",
    );
    this.floors.push(floor);
    say(`Discord: warm-up (${WARMUP} answers each)`);
    await this.discordRun("floor", floor.url, WARMUP);
    await this.discordRun("bot", this.botUrl, WARMUP);
    const out = { bot: [] as Measured[], floor: [] as Measured[] };
    for (let t = 0; t < TRIALS; t++) {
      const order: ("bot" | "floor")[] = t % 2 === 0 ? ["floor", "bot"] : ["bot", "floor"];
      for (const target of order) {
        const m = await this.discordRun(target, target === "bot" ? this.botUrl : floor.url, ANSWERS);
        out[target].push(m);
        say(
          `  trial ${t + 1} ${m.label}: ${fmt(m.throughput)} answers/s, p50 ${ms(m.p50)}, p99 ${ms(m.p99)}`,
        );
      }
    }
    return out;
  }

  // ----- 2. Slack answers

  async slackRun(target: SlackServer, url: string, n: number): Promise<Measured> {
    const round = target === "bot" ? await this.slackQuiz() : await this.floorRound(`slack:${target}:C1`, 4);
    const tag = `${target}${++this.tagSeq}`;
    const requests = slackAnswers(this.slackStandIn, tag, round, n);
    await this.gen.clearStandIn();
    const stop = n === ANSWERS ? await profile(`slack-${target}`) : async () => {};
    const use = meter();
    const r = await this.gen.run({ target: url, requests, concurrency: CONCURRENCY });
    const m = measured(`Slack ${SLACK_SERVER_NAMES[target]}`, n, r, (x) => x.statuses["200"] ?? 0);
    m.elu = use.elu();
    const arrivals = await this.gen.waitArrivals(`/response/${tag}/`, n, 120_000, LOCKED_IN);
    await stop();
    m.cpuUsPerAnswer = use.cpuUs() / n;
    m.delivered = arrivals.matched;
    m.endToEndMs = arrivals.lastAt !== undefined ? arrivals.lastAt - r.startedAt : Number.NaN;
    if (arrivals.timedOut) m.problems.push(`only ${arrivals.arrived} of ${n} response_url posts arrived`);
    if (arrivals.matched !== n) m.problems.push(`${n - arrivals.matched} replies not "locked in"`);
    return m;
  }

  async slack(): Promise<SlackRuns> {
    const floor = await startSlackFloor(this.floorStore, SLACK_SECRET, "slack:floor:C1");
    const ceiling = await startBoltCeiling(this.floorStore, SLACK_SECRET, "slack:ceiling:C1");
    this.floors.push(floor, ceiling);
    const urls: Record<SlackServer, string> = { bot: this.botUrl, floor: floor.url, ceiling: ceiling.url };
    const servers: SlackServer[] = ["floor", "ceiling", "bot"];
    say(`Slack: warm-up (${WARMUP} answers each)`);
    for (const target of servers) await this.slackRun(target, urls[target], WARMUP);
    const out: SlackRuns = { bot: [], floor: [], ceiling: [] };
    for (let t = 0; t < TRIALS; t++) {
      // Each trial starts with a different server, so none always runs on a warmer machine.
      const order = servers.map((_, i) => servers[(i + t) % servers.length] ?? "bot");
      for (const target of order) {
        const m = await this.slackRun(target, urls[target], ANSWERS);
        out[target].push(m);
        say(
          `  trial ${t + 1} ${m.label}: ack ${fmt(m.throughput)}/s p50 ${ms(m.p50)} p99 ${ms(m.p99)}; ` +
            `all ${m.delivered} replies in ${ms(m.endToEndMs ?? NaN)}`,
        );
      }
    }
    await this.gen.clearStandIn();
    return out;
  }

  // ----- 3. Redis round trips per answer

  async roundTrips(platform: "discord" | "slack"): Promise<RoundTrips> {
    const app = this.app;
    // The timers (round sweep every 5 s, daily-post pass every minute) talk to Redis whatever the
    // traffic; they are paused for the count so that every command counted belongs to an answer.
    app.closer.stop();
    await app.poster.stop();
    const n = ROUND_TRIP_ANSWERS;
    const tag = `rt${++this.tagSeq}`;
    const round = platform === "discord" ? await this.discordQuiz() : await this.slackQuiz();
    const requests =
      platform === "discord"
        ? discordAnswers(this.keys.privateKey, round, n)
        : slackAnswers(this.slackStandIn, tag, round, n);

    // Client side: every command the bot's own ioredis client sends (its RedisStore's connection).
    const botClient = (app.services.store as unknown as { redis?: Redis }).redis;
    const clientCounts = new Map<string, number>();
    const original = botClient?.sendCommand;
    if (botClient && original) {
      botClient.sendCommand = function (this: Redis, ...args: Parameters<Redis["sendCommand"]>) {
        const name = args[0].name.toLowerCase();
        clientCounts.set(name, (clientCounts.get(name) ?? 0) + 1);
        return original.apply(this, args);
      } as Redis["sendCommand"];
    }
    // Server side: MONITOR on a side connection; lines from "lua" are commands inside scripts.
    const adminAddr = /addr=(\S+)/.exec(String(await this.admin.call("CLIENT", "INFO")))?.[1];
    const watcher = this.redis.client();
    const monitor = await watcher.monitor();
    const topLevel = new Map<string, number>();
    const inLua = new Map<string, number>();
    const sources = new Set<string>();
    monitor.on("monitor", (_time: string, args: string[], source: string) => {
      const name = String(args[0] ?? "").toLowerCase();
      if (source === "lua") inLua.set(name, (inLua.get(name) ?? 0) + 1);
      else if (source !== adminAddr) {
        sources.add(source);
        topLevel.set(name, (topLevel.get(name) ?? 0) + 1);
      }
    });
    await sleep(100);
    await this.admin.config("RESETSTAT");
    try {
      const r = await this.gen.run({
        target: this.botUrl,
        requests,
        concurrency: CONCURRENCY,
        expect: platform === "discord" ? LOCKED_IN : undefined,
      });
      let accepted = platform === "discord" ? r.matched : 0;
      if (platform === "slack") {
        accepted = (await this.gen.waitArrivals(`/response/${tag}/`, n, 60_000, LOCKED_IN)).matched;
      }
      await sleep(300); // let MONITOR's stream catch up
      const stats = parseCommandStats(await this.admin.info("commandstats"));
      const own = new Set(["info", "config|resetstat", "config", "client|info", "monitor"]);
      const serverTotal = [...stats].filter(([c]) => !own.has(c)).reduce((s, [, v]) => s + v, 0);
      return {
        platform,
        n,
        accepted,
        client: Object.fromEntries(clientCounts),
        clientTotal: [...clientCounts.values()].reduce((a, b) => a + b, 0),
        topLevel: Object.fromEntries(topLevel),
        topLevelTotal: [...topLevel.values()].reduce((a, b) => a + b, 0),
        connections: sources.size,
        inLua: [...inLua.values()].reduce((a, b) => a + b, 0),
        evalsha: stats.get("evalsha") ?? 0,
        evalCalls: stats.get("eval") ?? 0,
        serverTotal,
      };
    } finally {
      if (botClient && original) botClient.sendCommand = original;
      monitor.disconnect();
      watcher.disconnect();
      app.closer.start();
      app.poster.start();
    }
  }

  // ----- 4. Daily fan-out

  async fanOut(count: number, latencyMs: number, firstChannel: bigint): Promise<FanOut> {
    const app = this.app;
    // The measured pass is the one tick() below, not a cron tick that might start during set-up.
    await app.poster.stop();
    const { groups } = app.services;
    const today = localDay(Date.now(), "UTC");
    const channels = Array.from({ length: count }, (_, i) => String(firstChannel + BigInt(i)));
    for (let i = 0; i < channels.length; i += 100) {
      await Promise.all(
        channels.slice(i, i + 100).map(async (channel) => {
          const group = `discord:${GUILD}:${channel}`;
          await groups.settings(group);
          await groups.update(group, {
            scheduled: true,
            postTime: "00:00",
            startDate: today,
            organizer: "1000",
          });
        }),
      );
    }
    this.discordApi.reset(latencyMs);
    const t0 = performance.now();
    const outcomes = await app.poster.tick();
    const seconds = (performance.now() - t0) / 1000;
    const again = await app.poster.tick();
    const counts = (list: string[]) =>
      list.reduce<Record<string, number>>((acc, o) => ({ ...acc, [o]: (acc[o] ?? 0) + 1 }), {});
    let lost = 0;
    let duplicated = 0;
    for (const channel of channels) {
      const got = this.discordApi.accepted.get(channel) ?? 0;
      if (got === 0) lost++;
      if (got > 1) duplicated++;
    }
    // Groups of earlier fan-outs answer "done" in later passes; count only this one's.
    return {
      groups: count,
      latencyMs,
      seconds,
      outcomes: counts(outcomes),
      secondPass: counts(again),
      accepted: [...this.discordApi.accepted.values()].reduce((a, b) => a + b, 0),
      limited: this.discordApi.limited,
      lost,
      duplicated,
    };
  }

  // ----- 5. Memory of the bot alone

  async memory(): Promise<MemoryResult> {
    const bot = new MemoryBot();
    this.memoryBot = bot;
    const started = await bot.request(
      {
        op: "start",
        env: {
          DISCORD_TOKEN: "bench-bot-token-0123456789",
          DISCORD_TRANSPORT: "http",
          DISCORD_PUBLIC_KEY: this.keys.publicHex,
          DISCORD_API_URL: `${this.discordApi.url}/api`,
          REDIS_URL: this.redis.url,
          REDIS_PREFIX: "mem",
          QUIZ_SECONDS: "3600",
          PORT: "0",
        },
      },
      "started",
    );
    const url = `http://127.0.0.1:${started.port}`;
    const round = await this.discordQuiz(url);
    const requests = discordAnswers(this.keys.privateKey, round, MEMORY_ANSWERS);
    const r = await this.gen.run({ target: url, requests, concurrency: CONCURRENCY, expect: LOCKED_IN });
    await sleep(500);
    const after = (await bot.request({ op: "memory", gc: false }, "memory")).memory;
    const afterGc = (await bot.request({ op: "memory", gc: true }, "memory")).memory;
    await bot.stop();
    this.memoryBot = undefined;
    return {
      baseline: started.baseline,
      start: started.memory,
      after,
      afterGc,
      run: measured("Discord bot (own process)", MEMORY_ANSWERS, r, (x) => x.matched),
    };
  }

  logSummary(): { lines: number; byLevel: Record<string, number>; problems: [string, number][] } {
    let text = "";
    try {
      text = readFileSync(this.logFile, "utf8");
    } catch {
      return { lines: 0, byLevel: {}, problems: [] };
    }
    const names: Record<number, string> = {
      10: "trace",
      20: "debug",
      30: "info",
      40: "warn",
      50: "error",
      60: "fatal",
    };
    const byLevel: Record<string, number> = {};
    const problems = new Map<string, number>();
    let lines = 0;
    for (const line of text.split("\n")) {
      if (!line) continue;
      lines++;
      try {
        const entry = JSON.parse(line) as { level: number; msg?: string };
        const level = names[entry.level] ?? String(entry.level);
        byLevel[level] = (byLevel[level] ?? 0) + 1;
        if (entry.level >= 40)
          problems.set(`${level}: ${entry.msg}`, (problems.get(`${level}: ${entry.msg}`) ?? 0) + 1);
      } catch {
        byLevel.unparsed = (byLevel.unparsed ?? 0) + 1;
      }
    }
    return { lines, byLevel, problems: [...problems].sort((a, b) => b[1] - a[1]).slice(0, 8) };
  }

  async tearDown(): Promise<void> {
    const steps: (() => Promise<unknown>)[] = [
      async () => this.memoryBot?.stop(),
      async () => this.bot?.stop(),
      ...this.floors.map((f) => () => f.close()),
      async () => this.floorRedis?.quit(),
      async () => this.loadgen?.stop(),
      () => this.discordApi.stop(),
      async () => this.admin?.quit(),
      () => this.redis.stop(),
    ];
    for (const step of steps) await step().catch((err: unknown) => console.error(`clean-up: ${String(err)}`));
    rmSync(this.logDir, { recursive: true, force: true });
  }
}

interface RoundTrips {
  platform: string;
  n: number;
  accepted: number;
  client: Record<string, number>;
  clientTotal: number;
  topLevel: Record<string, number>;
  topLevelTotal: number;
  connections: number;
  inLua: number;
  evalsha: number;
  evalCalls: number;
  serverTotal: number;
}

interface FanOut {
  groups: number;
  latencyMs: number;
  seconds: number;
  outcomes: Record<string, number>;
  secondPass: Record<string, number>;
  accepted: number;
  limited: number;
  lost: number;
  duplicated: number;
}

interface MemoryResult {
  baseline: MemorySample;
  start: MemorySample;
  after: MemorySample;
  afterGc: MemorySample;
  run: Measured;
}

function parseCommandStats(info: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const match of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm))
    out.set(match[1] ?? "", Number(match[2]));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Report

function pick(
  runs: Measured[],
  key: "throughput" | "p50" | "p99" | "max" | "endToEndMs" | "cpuUsPerAnswer" | "elu",
): number {
  return median(runs.map((r) => r[key] ?? Number.NaN));
}

/** The quiz-answer sections: their summary rows and tables (all that BENCH_ONLY=answers prints). */
function answerSections(
  discord: { bot: Measured[]; floor: Measured[] },
  slack: SlackRuns,
  trips: RoundTrips[],
  pieces: Piece[],
) {
  // Each trial runs the floor and the bot back to back; the ratio is taken per trial, then the median.
  const ratios = (over: Measured[], under: Measured[], value: (m: Measured) => number) =>
    over.map((o, i) => {
      const u = under[i];
      return u ? value(o) / value(u) : Number.NaN;
    });
  const pairs = (runs: { bot: Measured[]; floor: Measured[] }, value: (m: Measured) => number) =>
    ratios(runs.bot, runs.floor, value);
  const spread = (ratios: number[]) =>
    `${fmt(median(ratios), 2)} (trials ${fmt(Math.min(...ratios), 2)}–${fmt(Math.max(...ratios), 2)})`;
  const dRatios = pairs(discord, (m) => m.throughput);
  const sAckRatios = pairs(slack, (m) => m.throughput);
  const sE2eRatios = pairs(slack, (m) => m.n / (m.endToEndMs ?? NaN));
  const dCpu = pairs(discord, (m) => m.cpuUsPerAnswer ?? NaN);
  const sCpu = pairs(slack, (m) => m.cpuUsPerAnswer ?? NaN);
  const ceilingRatios = ratios(slack.ceiling, slack.floor, (m) => m.throughput);
  const botToCeiling = ratios(slack.bot, slack.ceiling, (m) => m.throughput);
  const dRatio = median(dRatios);
  const e2e = (runs: Measured[]) => median(runs.map((r) => (r.n / (r.endToEndMs ?? NaN)) * 1000));
  const yes = (ok: boolean) => (ok ? "yes" : "**no**");

  const answers = table(
    [
      "path",
      "server",
      "answers/s",
      "p50",
      "p99",
      "max",
      "server CPU/answer",
      "event loop busy",
      "all replies delivered after",
    ],
    [
      ...(["bot", "floor"] as const).map((s) => [
        "Discord button → HTTP response",
        s,
        fmt(pick(discord[s], "throughput")),
        ms(pick(discord[s], "p50")),
        ms(pick(discord[s], "p99")),
        ms(pick(discord[s], "max")),
        `${fmt(pick(discord[s], "cpuUsPerAnswer"))} µs`,
        `${fmt(pick(discord[s], "elu") * 100)} %`,
        "(in the response)",
      ]),
      ...(["bot", "ceiling", "floor"] as const).map((s) => [
        "Slack block_actions → ack",
        SLACK_SERVER_NAMES[s],
        `${fmt(pick(slack[s], "throughput"))} acks/s`,
        ms(pick(slack[s], "p50")),
        ms(pick(slack[s], "p99")),
        ms(pick(slack[s], "max")),
        `${fmt(pick(slack[s], "cpuUsPerAnswer"))} µs`,
        `${fmt(pick(slack[s], "elu") * 100)} %`,
        `${ms(pick(slack[s], "endToEndMs"))} (${fmt(e2e(slack[s]))} answers/s end to end)`,
      ]),
    ],
  );

  const tripRows = trips.map((t) => [
    t.platform,
    fmt(t.n),
    fmt(t.accepted),
    fmt(t.topLevelTotal / t.n, 2),
    `${
      Object.entries(t.topLevel)
        .map(([c, v]) => `${c} ${v}`)
        .join(", ") || "–"
    } (from ${t.connections} connection${t.connections === 1 ? "" : "s"})`,
    fmt(t.clientTotal / t.n, 2),
    fmt(t.evalsha / t.n, 2),
    fmt(t.serverTotal / t.n, 2),
    fmt(t.inLua / t.n, 1),
  ]);
  const tripsTable = table(
    [
      "path",
      "answers",
      "accepted",
      "top-level commands/answer (MONITOR)",
      "by command",
      "ioredis sendCommand/answer",
      "evalsha/answer (commandstats)",
      "all commandstats calls/answer",
      "inside Lua/answer",
    ],
    tripRows,
  );

  const maxTrips = Math.max(...trips.map((t) => t.topLevelTotal / t.n));
  const summaryRows = [
    ["Discord answers/s, bot ÷ floor", spread(dRatios), "≥ 0.85", yes(dRatio >= 0.85)],
    ["Discord server CPU per answer, bot ÷ floor", spread(dCpu), "(context: steadier than answers/s)", ""],
    [
      "Discord p99 (bot)",
      ms(pick(discord.bot, "p99")),
      "well under 3 s",
      yes(pick(discord.bot, "p99") < 1000),
    ],
    ["Slack acks/s, bot ÷ floor", spread(sAckRatios), "(context)", ""],
    ["Slack answers/s end to end, bot ÷ floor", spread(sE2eRatios), "(context)", ""],
    ["Slack server CPU per answer, bot ÷ floor", spread(sCpu), "(context: steadier than answers/s)", ""],
    [
      "Slack acks/s, Bolt ceiling ÷ floor",
      spread(ceilingRatios),
      "(context: the most a bot on Bolt's receiver reaches)",
      "",
    ],
    ["Slack acks/s, bot ÷ Bolt ceiling", spread(botToCeiling), "≥ 0.85", yes(median(botToCeiling) >= 0.85)],
    ["Slack ack p99 (bot)", ms(pick(slack.bot, "p99")), "well under 3 s", yes(pick(slack.bot, "p99") < 1000)],
    ["Redis round trips per answer", fmt(maxTrips, 2), "1", yes(Math.abs(maxTrips - 1) < 0.005)],
  ];

  const trialRows = [...discord.floor, ...discord.bot, ...slack.floor, ...slack.ceiling, ...slack.bot].map(
    (m) => [
      m.label,
      fmt(m.n),
      fmt(m.throughput),
      ms(m.p50),
      ms(m.p99),
      ms(m.max),
      m.cpuUsPerAnswer !== undefined ? `${fmt(m.cpuUsPerAnswer)} µs` : "–",
      m.elu !== undefined ? `${fmt(m.elu * 100)} %` : "–",
      m.endToEndMs !== undefined ? ms(m.endToEndMs) : "–",
      m.problems.join("; ") || "none",
    ],
  );
  const trials = table(
    [
      "run",
      "answers",
      "answers/s (HTTP)",
      "p50",
      "p99",
      "max",
      "CPU/answer",
      "loop busy",
      "last reply after",
      "problems",
    ],
    trialRows,
  );
  const piecesTable = table(
    ["step", "where", "µs per call"],
    pieces.map((p) => [p.step, p.where, p.usPerCall !== undefined ? fmt(p.usPerCall, 1) : (p.note ?? "–")]),
  );
  return { summaryRows, answers, tripsTable, trials, piecesTable, maxTrips };
}

function report(
  machine: Machine,
  discord: { bot: Measured[]; floor: Measured[] },
  slack: SlackRuns,
  trips: RoundTrips[],
  fans: { main: FanOut; slow: FanOut },
  mem: MemoryResult,
  pieces: Piece[],
  log: ReturnType<Bench["logSummary"]>,
  totalSeconds: number,
): { stdout: string; markdown: string } {
  const { summaryRows, answers, tripsTable, trials, piecesTable } = answerSections(
    discord,
    slack,
    trips,
    pieces,
  );
  const yes = (ok: boolean) => (ok ? "yes" : "**no**");
  const fan = fans.main;
  const bound = fan.groups / DISCORD_RATE;
  const slowBound = fans.slow.groups / DISCORD_RATE;
  const summary = table(
    ["measure", "result", "target", "met"],
    [
      ...summaryRows,
      [
        `Daily fan-out, ${fmt(fan.groups)} groups`,
        `${fmt(fan.seconds, 1)} s`,
        `≈ ${fmt(bound)} s (${fmt(fan.groups)} ÷ ${DISCORD_RATE}/s)`,
        yes(fan.seconds <= bound * 1.25),
      ],
      [
        "Daily posts lost / duplicated",
        `${fan.lost} / ${fan.duplicated}`,
        "0 / 0",
        yes(fan.lost + fan.duplicated === 0),
      ],
      [
        `Daily fan-out, ${fmt(fans.slow.groups)} groups, ${fans.slow.latencyMs} ms API latency`,
        `${fmt(fans.slow.seconds, 1)} s`,
        `≈ ${fmt(slowBound)} s (${fmt(fans.slow.groups)} ÷ ${DISCORD_RATE}/s)`,
        yes(fans.slow.seconds <= slowBound * 1.25),
      ],
      ["RSS after start (bot alone)", mb(mem.start.rss), "–", ""],
      [`RSS after ${fmt(MEMORY_ANSWERS)} answers`, mb(mem.after.rss), "–", ""],
    ],
  );
  const memory = table(
    ["when", "RSS", "heap used", "heap total", "external"],
    [
      [
        "Node + tsx loader, before importing the bot",
        mb(mem.baseline.rss),
        mb(mem.baseline.heapUsed),
        mb(mem.baseline.heapTotal),
        mb(mem.baseline.external),
      ],
      [
        "after start (content loaded, idle 0.5 s)",
        mb(mem.start.rss),
        mb(mem.start.heapUsed),
        mb(mem.start.heapTotal),
        mb(mem.start.external),
      ],
      [
        `after ${fmt(MEMORY_ANSWERS)} answers`,
        mb(mem.after.rss),
        mb(mem.after.heapUsed),
        mb(mem.after.heapTotal),
        mb(mem.after.external),
      ],
      [
        "same, after a forced GC",
        mb(mem.afterGc.rss),
        mb(mem.afterGc.heapUsed),
        mb(mem.afterGc.heapTotal),
        mb(mem.afterGc.external),
      ],
    ],
  );
  const fanTable = table(
    [
      "groups",
      "API latency",
      "time",
      "bound",
      "posts accepted",
      "429s answered",
      "lost",
      "duplicated",
      "tick outcomes",
      "second tick",
    ],
    [fans.main, fans.slow].map((f) => [
      fmt(f.groups),
      `${f.latencyMs} ms`,
      `${fmt(f.seconds, 1)} s`,
      `${fmt(f.groups / DISCORD_RATE)} s`,
      fmt(f.accepted),
      fmt(f.limited),
      fmt(f.lost),
      fmt(f.duplicated),
      JSON.stringify(f.outcomes),
      JSON.stringify(f.secondPass),
    ]),
  );
  const machineLines = [
    `- CPU: ${machine.cpu}, ${machine.cores} cores`,
    `- Memory: ${machine.memory}`,
    `- Node ${machine.node}, Redis ${machine.redis} (no persistence: --save "" --appendonly no)`,
    `- Date: ${machine.date}`,
  ].join("\n");
  const logLines = [
    `${fmt(log.lines)} log lines at info (${Object.entries(log.byLevel)
      .map(([l, c]) => `${l} ${c}`)
      .join(", ")}).`,
    ...log.problems.map(([msg, count]) => `- ${msg} × ${count}`),
  ].join("\n");

  const stdout = [
    "",
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memory}, Node ${machine.node}, Redis ${machine.redis}`,
    "",
    "Summary",
    summary,
    "",
    `Quiz answers: median of ${TRIALS} trials × ${fmt(ANSWERS)} answers, concurrency ${CONCURRENCY}`,
    answers,
    "",
    "Redis commands per answer",
    tripsTable,
    "",
    "Daily fan-out (second row: run first, every Discord answer delayed as by the network)",
    fanTable,
    "",
    "Memory (the bot alone in its own process)",
    memory,
    "",
    "Steps of the answer path, one at a time",
    piecesTable,
    "",
    `Bot log: ${logLines}`,
    "",
    `Total ${fmt(totalSeconds)} s. Full results in bench/RESULTS.md.`,
  ].join("\n");

  const markdown = `# Benchmark results

Latest \`npm run bench\`; this file is rewritten by every run (see [run.ts](run.ts) for the method).

## Machine

${machineLines}
- Run took ${fmt(totalSeconds)} s

## Summary

${summary}

Ratios compare runs made in this same run, on the same machine, one after the other; the absolute
numbers move with the machine's load, the ratios much less. Nothing here is asserted.

## Quiz answers

Median of ${TRIALS} trials of ${fmt(ANSWERS)} answers each (after a warm-up of ${fmt(WARMUP)}), every
answer from a distinct member into an open round (QUIZ_SECONDS=3600), ${CONCURRENCY} requests in flight
over keep-alive connections from a separate load-generator process. All payloads are signed before
the clock starts. Latency is measured by the client, from writing the request to the end of the response.

${answers}

The **floor** is a bare \`node:http\` server in the same process as the bot doing only what an answer
needs: read the body, verify the signature (Ed25519 for Discord, HMAC-SHA256 v0 for Slack), parse,
one Redis call (the bot's own answer script via \`RedisStore.answerRound\`), then the reply (in the
response for Discord; an ack and one POST to response_url for Slack). The Slack stand-in that receives
response_url posts runs in the load generator's process, as Slack would be elsewhere.

The **Bolt ceiling** ([bolt-ceiling.ts](lib/bolt-ceiling.ts)) is Bolt's \`HTTPReceiver\` and \`App\`, set
up as the bot sets them up (the same node:crypto signature check in front of the receiver), with one
action listener doing exactly the Slack floor's work: no core, no validation, no logging. Its ratio to
the floor is the most any bot that answers through Bolt's receiver can reach here; the bot's ratio to
it is what the bot's own work costs.

Every trial:

${trials}

## Redis commands per answer

${fmt(ROUND_TRIP_ANSWERS)} answers per path through the bot's HTTP endpoints, counted three ways: MONITOR
on a side connection (top-level commands are those not issued by \`lua\` and not by the benchmark's
own admin connection), the bot's ioredis client (its \`sendCommand\` wrapped for the batch), and
\`INFO commandstats\` after \`CONFIG RESETSTAT\` (which also counts the commands run inside the
script, hence the larger "all calls" figure). The bot's timers (round sweep every 5 s, daily-post
pass every minute) were paused for the count; they are independent of the number of answers.

${tripsTable}

## Daily fan-out

${fmt(fan.groups)} (and ${fmt(fans.slow.groups)}) Discord groups set up through the bot's Groups service (scheduled, post time 00:00,
plan starting today), all due at once, posted by one \`app.poster.tick()\` against a stand-in that
accepts at most ${DISCORD_RATE} POST /channels/:id/messages a second (token bucket; beyond it a
global 429 with retry_after, Retry-After and X-RateLimit-Global). "Lost" counts groups whose
message was never accepted, "duplicated" groups with more than one; a second tick must post nothing.
The stand-in answers on loopback in well under a millisecond; the second row (run first) delays
every answer by ${fans.slow.latencyMs} ms, roughly the round trip to the real Discord API. Each pass
also reads the groups of the other row (they answer "done", or "off" for the answer benchmarks' groups).

${fanTable}

## Memory

The bot alone (Discord over HTTP, content loaded) in its own process, run through tsx as
\`npm start\` runs it (the first row is that process before it imports any of the bot), Node started with
\`--expose-gc\`; ${fmt(MEMORY_ANSWERS)} answers from distinct members at concurrency ${CONCURRENCY}
(${fmt(mem.run.throughput)} answers/s, p99 ${ms(mem.run.p99)} in that process).

${memory}

## Steps of the answer path, one at a time

Each step of the bot's answer paths that the floors do not need, timed alone in a bounded loop after
a warm-up (µs per call, this process). Rows marked "floor does it too" are there for scale. Compare
with the server CPU per answer above: on Slack these steps add up to far less than the gap. Most of
the gap is Bolt's receiver and middleware (the Bolt ceiling above); the rest is spread thin over the
core's chain of promises and the garbage it leaves.

${piecesTable}

## Bot log during the run

${logLines}
`;
  return { stdout, markdown };
}

// ---------------------------------------------------------------------------------------------

/** The results file is checked by `prettier --check .` with the rest of the repository. */
async function prettyMarkdown(markdown: string): Promise<string> {
  try {
    const prettier = await import("prettier");
    const options = await prettier.resolveConfig(RESULTS_FILE);
    return await prettier.format(markdown, { ...options, filepath: RESULTS_FILE });
  } catch {
    return markdown;
  }
}

async function main(): Promise<void> {
  if (ONLY === "prod-memory") {
    say(prodMemoryReport(await measureProdMemory()).stdout);
    return;
  }
  const started = performance.now();
  const bench = new Bench();
  const watchdog = setTimeout(() => {
    console.error(`bench: still running after ${WATCHDOG_MS / 60_000} min; stopping`);
    void bench.tearDown().finally(() => process.exit(2));
  }, WATCHDOG_MS);
  watchdog.unref();
  try {
    say("Starting redis-server, stand-ins, load generator and the bot…");
    await bench.setUp();
    const answersOnly = ONLY === "answers" || ONLY === "discord" || ONLY === "slack";
    const discord = ONLY !== "slack" ? await bench.discord() : { bot: [], floor: [] };
    const slack = ONLY !== "discord" ? await bench.slack() : { bot: [], floor: [], ceiling: [] };
    say("Counting Redis commands per answer…");
    const trips = [
      ...(ONLY !== "slack" ? [await bench.roundTrips("discord")] : []),
      ...(ONLY !== "discord" ? [await bench.roundTrips("slack")] : []),
    ];
    if (answersOnly) {
      say("Timing the answer path's steps one at a time…");
      const a = answerSections(discord, slack, trips, await measurePieces());
      const m = bench.machine;
      say(
        [
          "",
          `Machine: ${m.cpu}, ${m.cores} cores, ${m.memory}, Node ${m.node}, Redis ${m.redis}`,
          "",
          "Summary (quiz answers only)",
          table(["measure", "result", "target", "met"], a.summaryRows),
          "",
          `Quiz answers: median of ${TRIALS} trials × ${fmt(ANSWERS)} answers, concurrency ${CONCURRENCY}`,
          a.answers,
          "",
          "Every trial",
          a.trials,
          "",
          "Redis commands per answer",
          a.tripsTable,
          "",
          "Steps of the answer path, one at a time",
          a.piecesTable,
          "",
          `Total ${fmt((performance.now() - started) / 1000)} s. bench/RESULTS.md left as it was.`,
        ].join("\n"),
      );
      return;
    }
    say(`Daily fan-out to ${FANOUT_LATENCY_GROUPS} groups with ${FANOUT_LATENCY_MS} ms API latency…`);
    const slow = await bench.fanOut(FANOUT_LATENCY_GROUPS, FANOUT_LATENCY_MS, 800_000_000_000_000_000n);
    say(`Daily fan-out to ${FANOUT_GROUPS} groups (this takes about ${FANOUT_GROUPS / DISCORD_RATE} s)…`);
    const fan = await bench.fanOut(FANOUT_GROUPS, 0, 900_000_000_000_000_000n);
    say(`Memory: the bot alone, ${MEMORY_ANSWERS} answers…`);
    const mem = await bench.memory();
    say("Timing the answer path's steps one at a time…");
    const pieces = await measurePieces();
    say(`Scheduler at scale: ${SCALE_GROUPS} scheduled groups written into a fresh Redis…`);
    const scale = scaleReport(await measureScale(SCALE_GROUPS));
    say(`Fan-out at scale: ${SCALE_FANOUT} of ${SCALE_GROUPS} scheduled groups due, three processes…`);
    const scaleFan = fanOutAtScaleReport(
      await measureSharedBudget(SCALE_FANOUT, 3, DISCORD_RATE, SCALE_GROUPS - SCALE_FANOUT),
    );
    say(`Redis memory per active member: ${SCALE_MEMBERS} members, a week of answers and check-ins…`);
    const members = memberMemoryReport(
      await measureMemberMemory(Math.ceil(SCALE_MEMBERS / MEMBERS_PER_GROUP), MEMBERS_PER_GROUP),
    );
    say(`Members' memory: ${CARD_MEMBERS} members with ${CARDS} questions seen each…`);
    const cards = cardsReport(
      await measureCards(CARD_MEMBERS, CARDS),
      await measureCards(CARD_MEMBERS, CARDS, 200, 512),
    );
    say(`One global budget: three processes, ${BUDGET_GROUPS} posts due at once against 50/s…`);
    const budget = budgetReport(await measureSharedBudget(BUDGET_GROUPS, 3, DISCORD_RATE));
    say(`Pictures: ${process.env.BENCH_PICTURES ?? 200} renders of each, in a process of their own…`);
    const pictures = picturesReport(await measurePictures());
    say("Memory of the production build (npm run build, node dist/src/main.js) per platform and transport…");
    const prod = prodMemoryReport(await measureProdMemory());
    const log = bench.logSummary();
    const totalSeconds = (performance.now() - started) / 1000;
    const out = report(
      bench.machine,
      discord,
      slack,
      trips,
      { main: fan, slow },
      mem,
      pieces,
      log,
      totalSeconds,
    );
    say(
      `${out.stdout}\n\n${scale.stdout}\n${scaleFan.stdout}\n${members.stdout}\n\n${cards.stdout}\n\n${budget.stdout}\n\n${pictures.stdout}\n\n${prod.stdout}`,
    );
    writeFileSync(
      RESULTS_FILE,
      await prettyMarkdown(
        `${out.markdown}\n${scale.markdown}\n${scaleFan.markdown}\n${members.markdown}\n${cards.markdown}\n${budget.markdown}\n${pictures.markdown}\n${prod.markdown}`,
      ),
    );
  } finally {
    clearTimeout(watchdog);
    await bench.tearDown();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
