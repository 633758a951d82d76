/**
 * The scheduler at scale: SCALE_GROUPS scheduled groups written straight into a fresh redis-server
 * in the key layout of docs/architecture.md (settings hash, the sets of groups, the schedule index),
 * then the Redis commands and time of a scheduler tick with nothing due, the start-up check for
 * groups without a schedule entry, and Redis memory per group.
 */
import pino from "pino";
import { createApp } from "../src/app.ts";
import { loadContent } from "../src/content/loader.ts";
import type { Outbox } from "../src/core/model.ts";
import { DEFAULT_SCORING } from "../src/domain/scoring.ts";
import { RedisStore } from "../src/store/redis-store.ts";
import { writeScheduledGroups } from "../testkit/scheduled-groups.ts";
import { BenchRedis, commandsSinceReset } from "./lib/redis-server.ts";
import { fmt, median } from "./lib/stats.ts";

export interface ScaleResult {
  groups: number;
  writeSeconds: number;
  tickCommands: number;
  /** The round trips of a tick: the commands it sent, scripts counted once. */
  tickRoundTrips: number;
  tickMs: number;
  ticks: number;
  adoptCheckCommands: number;
  adoptCheckMs: number;
  bytesPerGroup: number;
  indexBytesPerGroup: number;
}

const NOW = Date.parse("2026-06-01T12:00:00Z");
const ZONES = [
  "UTC",
  "Europe/Berlin",
  "America/New_York",
  "Asia/Kolkata",
  "Asia/Kathmandu",
  "Australia/Lord_Howe",
];

function usedMemory(info: string): number {
  return Number(/^used_memory:(\d+)/m.exec(info)?.[1] ?? Number.NaN);
}

const noOutbox: Outbox = {
  post: async () => {
    throw new Error("nothing is due in this benchmark");
  },
  edit: async () => undefined,
};

export async function measureScale(groupCount: number, ticks = 50): Promise<ScaleResult> {
  const redis = new BenchRedis();
  await redis.start();
  const admin = redis.client();
  try {
    const before = usedMemory(await admin.info("memory"));
    const groups = Array.from({ length: groupCount }, (_, i) => {
      const platform = i % 2 === 0 ? "discord" : "slack";
      const workspace =
        platform === "discord" ? String(900_000_000_000_000_000n + BigInt(i % 5000)) : `T0${i % 5000}`;
      // Snowflakes as BigInt: as numbers, ids this large are 2^18 apart and most would be the same.
      const channel = platform === "discord" ? String(1_100_000_000_000_000_000n + BigInt(i)) : `C0${i}`;
      return `${platform}:${workspace}:${channel}`;
    });
    const started = performance.now();
    await writeScheduledGroups(
      admin,
      "sg",
      groups,
      (i) => ({
        timezone: ZONES[i % ZONES.length],
        postTime: `${String(i % 24).padStart(2, "0")}:${String((i * 7) % 60).padStart(2, "0")}`,
        startDate: "2026-05-20",
      }),
      // Every next check after now: tomorrow, spread over the day.
      (i) => NOW + 3_600_000 + (i % 1440) * 60_000,
    );
    const writeSeconds = (performance.now() - started) / 1000;
    const after = usedMemory(await admin.info("memory"));
    const indexBytes =
      Number(await admin.memory("USAGE", "sg:{schedule}:due:discord", "SAMPLES", "0")) +
      Number(await admin.memory("USAGE", "sg:{schedule}:due:slack", "SAMPLES", "0"));

    const client = redis.client();
    const app = createApp({
      store: new RedisStore(client, { prefix: "sg", scoring: DEFAULT_SCORING }),
      content: loadContent("content"),
      log: pino({ level: "silent" }),
      clock: { now: () => NOW },
    });
    app.connect("discord", noOutbox);
    app.connect("slack", noOutbox);
    await app.poster.tick(); // loads the script
    // Client side: every command the scheduler's own connection sends.
    const sent: string[] = [];
    const send = client.sendCommand.bind(client);
    client.sendCommand = (command, stream) => {
      sent.push(command.name);
      return send(command, stream);
    };
    await admin.config("RESETSTAT");
    const times: number[] = [];
    for (let i = 0; i < ticks; i++) {
      const t = performance.now();
      const outcomes = await app.poster.tick();
      times.push(performance.now() - t);
      if (outcomes.length > 0) throw new Error(`a tick found ${outcomes.length} groups due`);
    }
    const tickStats = await commandsSinceReset(admin);
    client.sendCommand = send;

    await admin.config("RESETSTAT");
    const t = performance.now();
    const adopted = await app.poster.schedule.adoptUnindexed();
    const adoptCheckMs = performance.now() - t;
    if (adopted !== 0) throw new Error(`${adopted} groups had no schedule entry`);
    const adoptCheckCommands = (await commandsSinceReset(admin)).all;
    await app.stop();

    return {
      groups: groupCount,
      writeSeconds,
      tickCommands: tickStats.all / ticks,
      tickRoundTrips: sent.length / ticks,
      tickMs: median(times),
      ticks,
      adoptCheckCommands,
      adoptCheckMs,
      bytesPerGroup: (after - before) / groupCount,
      indexBytesPerGroup: indexBytes / groupCount,
    };
  } finally {
    admin.disconnect();
    await redis.stop();
  }
}

export function scaleReport(r: ScaleResult): { stdout: string; markdown: string } {
  const n = r.groups.toLocaleString("en-US");
  const lines = [
    `Scheduler at scale: ${n} scheduled groups (Discord and Slack, six zones), nothing due`,
    `  tick: ${fmt(r.tickRoundTrips, 2)} round trip(s), ${fmt(r.tickCommands, 2)} Redis commands counting those inside the script, ${fmt(r.tickMs, 2)} ms (median of ${r.ticks})`,
    `  start-up check for groups without a schedule entry: ${r.adoptCheckCommands} commands, ${fmt(r.adoptCheckMs, 0)} ms`,
    `  Redis memory: ${fmt(r.bytesPerGroup, 0)} bytes per group, of which the schedule index ${fmt(r.indexBytesPerGroup, 0)}`,
  ];
  const markdown = `## Scheduler at scale

${n} scheduled groups (half Discord, half Slack, six zones, post times over the whole day) written
straight into a fresh redis-server in the key layout of docs/architecture.md (settings hash, the sets
of all, workspace and scheduled groups, the schedule index), in ${fmt(r.writeSeconds, 1)} s; then one
process's scheduler (Discord and Slack connected) ticking with nothing due.

| measure                                                        | value                                   |
| -------------------------------------------------------------- | --------------------------------------- |
| round trips per tick with nothing due (client side)            | ${fmt(r.tickRoundTrips, 2)} |
| Redis commands per tick, counting those inside the script (\`INFO commandstats\`) | ${fmt(r.tickCommands, 2)} |
| time per tick with nothing due (median of ${r.ticks})          | ${fmt(r.tickMs, 2)} ms |
| start-up check for groups without a schedule entry (each start) | ${r.adoptCheckCommands} commands, ${fmt(r.adoptCheckMs, 0)} ms |
| Redis memory per group (\`used_memory\` before and after)       | ${fmt(r.bytesPerGroup, 0)} bytes |
| of which the schedule index (\`MEMORY USAGE\` of its sets)      | ${fmt(r.indexBytesPerGroup, 0)} bytes |
`;
  return { stdout: lines.join("\n"), markdown };
}
