import { Redis } from "ioredis";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createApp } from "../src/app.ts";
import { shortId } from "../src/core/ids.ts";
import { DEFAULT_SCORING } from "../src/domain/scoring.ts";
import { RedisStore } from "../src/store/redis-store.ts";
import { writeScheduledGroups } from "../testkit/scheduled-groups.ts";
import { ManualClock, RecordingPlatform, realContent } from "./support/harness.ts";

const NOW = Date.parse("2026-06-01T12:00:00Z");

let monitor: Redis;
/** Every command the test Redis received, with the client that sent it. */
const seen: { source: string; command: string }[] = [];

beforeAll(async () => {
  const watcher = new Redis(inject("redisUrl"));
  monitor = await watcher.monitor();
  monitor.on("monitor", (_time: string, args: string[], source: string) => {
    seen.push({ source, command: String(args[0]).toLowerCase() });
  });
  watcher.disconnect();
});

afterAll(() => monitor?.disconnect());

/** The commands one client sends while `work` runs, as MONITOR saw them. */
async function commandsOf(client: Redis, work: () => Promise<unknown>): Promise<string[]> {
  const info = (await client.client("INFO")) as string;
  const source = /addr=(\S+)/.exec(info)?.[1] ?? "";
  await new Promise((r) => setTimeout(r, 100));
  const from = seen.length;
  await work();
  // MONITOR reports asynchronously: a command of the client's own marks the end of the work.
  await client.echo("end");
  const deadline = Date.now() + 5000;
  while (!seen.slice(from).some((c) => c.source === source && c.command === "echo")) {
    if (Date.now() > deadline) throw new Error("MONITOR did not report the end marker");
    await new Promise((r) => setTimeout(r, 20));
  }
  return seen
    .slice(from)
    .filter((c) => c.source === source && c.command !== "echo")
    .map((c) => c.command);
}

/**
 * One process's scheduler over `count` scheduled groups whose posts are all due tomorrow; with
 * `reminders`, each group also has that many members' reminders and a weekly digest, due tomorrow.
 */
async function idleTickCommands(count: number, reminders = 0): Promise<string[]> {
  const prefix = `c${shortId(8)}`;
  const client = new Redis(inject("redisUrl"));
  const groups = Array.from({ length: count }, (_, i) => `test:w${i % 50}:c${i}`);
  await writeScheduledGroups(
    client,
    prefix,
    groups,
    (i) => ({ postTime: `${String(i % 24).padStart(2, "0")}:00`, startDate: "2026-06-01" }),
    (i) => Date.parse("2026-06-02T00:00:00Z") + (i % 24) * 3_600_000,
  );
  if (reminders > 0) {
    const entries = groups.flatMap((group, i) => {
      const at = Date.parse("2026-06-02T00:00:00Z") + (i % 24) * 3_600_000;
      const members = Array.from({ length: reminders }, (_, m) => [at, `${group}|remind|u${m}`]);
      return [[at, `${group}|digest`], ...members].flat();
    });
    for (let i = 0; i < entries.length; i += 2000)
      await client.zadd(
        `${prefix}:{schedule}:due:test`,
        ...(entries.slice(i, i + 2000) as (string | number)[]),
      );
  }
  const app = createApp({
    store: new RedisStore(client, { prefix, scoring: DEFAULT_SCORING }),
    content: realContent(),
    log: pino({ level: "silent" }),
    clock: new ManualClock(NOW),
  });
  app.connect("test", new RecordingPlatform());
  try {
    expect(await app.poster.tick()).toEqual([]); // loads the script
    return await commandsOf(client, async () => expect(await app.poster.tick()).toEqual([]));
  } finally {
    await app.stop();
  }
}

describe("a scheduler tick with nothing due", () => {
  it("costs one Redis command with 10 scheduled groups and with 5,000", async () => {
    const small = await idleTickCommands(10);
    const large = await idleTickCommands(5000);
    expect(small).toEqual(["evalsha"]);
    expect(large).toEqual(small);
  }, 60_000);

  it("still costs one with 5,000 groups holding 15,000 members' reminders and 5,000 weekly digests", async () => {
    expect(await idleTickCommands(5000, 3)).toEqual(["evalsha"]);
  }, 60_000);
});
