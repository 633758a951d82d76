/**
 * One global budget across processes: BUDGET_GROUPS daily posts due at once, taken by three bot
 * processes (`node --import tsx src/main.ts`, Discord over HTTP) sharing one fresh redis-server,
 * against a stand-in enforcing Discord's global limit (50/s, 429 with retry_after and
 * X-RateLimit-Global). Reports the 429s, the time against the bound (posts / rate), lost and
 * duplicated posts, and how the posts were spread over the processes.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { localDay } from "../src/domain/calendar.ts";
import { GUILD, discordHttpEnv, testKeys } from "../testkit/discord-client.ts";
import { RateLimitedDiscord } from "../testkit/discord-global-limit.ts";
import { writeScheduledGroups } from "../testkit/scheduled-groups.ts";
import { BenchRedis, freePort } from "./lib/redis-server.ts";
import { fmt } from "./lib/stats.ts";

export interface BudgetResult {
  processes: number;
  groups: number;
  /** Scheduled groups besides the due ones, whose next check is a day away. */
  idle: number;
  rate: number;
  charged: number;
  limited: number;
  /** From the first accepted post to the last. */
  seconds: number;
  lost: number;
  duplicated: number;
  perProcess: number[];
}

const ROOT = fileURLToPath(new URL("../", import.meta.url));

function startBot(env: Record<string, string>): { child: ChildProcess; logs: () => string } {
  let logs = "";
  const child = spawn(process.execPath, ["--import", import.meta.resolve("tsx"), "src/main.ts"], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  child.stdout?.on("data", (chunk: Buffer) => {
    logs += chunk.toString();
  });
  return { child, logs: () => logs };
}

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function measureSharedBudget(
  groups: number,
  processes = 3,
  rate = 50,
  idle = 0,
): Promise<BudgetResult> {
  const redis = new BenchRedis();
  await redis.start();
  const api = new RateLimitedDiscord(rate);
  await api.start();
  const bots: ReturnType<typeof startBot>[] = [];
  try {
    const channels = Array.from({ length: groups }, (_, i) => String(600_000_000_000_000_000n + BigInt(i)));
    const admin = redis.client();
    await writeScheduledGroups(
      admin,
      "sg",
      channels.map((c) => `discord:${GUILD}:${c}`),
      () => ({ postTime: "00:00", startDate: localDay(Date.now(), "UTC") }),
      () => Date.now() - 1000,
    );
    if (idle > 0) {
      const later = Date.now() + 86_400_000;
      await writeScheduledGroups(
        admin,
        "sg",
        Array.from({ length: idle }, (_, i) => `discord:${GUILD}:${700_000_000_000_000_000n + BigInt(i)}`),
        () => ({ postTime: "00:00", startDate: localDay(later, "UTC") }),
        () => later,
      );
    }
    admin.disconnect();
    const keys = testKeys();
    for (let i = 0; i < processes; i++) {
      const env = discordHttpEnv({
        apiUrl: api.url,
        publicHex: keys.publicHex,
        redisUrl: redis.url,
        prefix: "sg",
        port: await freePort(),
      });
      bots.push(startBot({ ...env, DISCORD_GLOBAL_RATE: String(rate) }));
    }
    await until(() => api.accepted.size === groups, 60_000 + (groups / rate) * 3000, "every daily post");
    await new Promise((r) => setTimeout(r, 1500));
    const duplicated = [...api.duplicated().values()].reduce((n, c) => n + c - 1, 0);
    return {
      processes,
      groups,
      idle,
      rate,
      charged: api.charged,
      limited: api.limited,
      seconds: (Math.max(...api.acceptedAt) - Math.min(...api.acceptedAt)) / 1000,
      lost: channels.filter((c) => !api.accepted.has(c)).length,
      duplicated,
      perProcess: bots.map(
        (b) => channels.filter((c) => b.logs().includes(`"group":"discord:${GUILD}:${c}"`)).length,
      ),
    };
  } finally {
    await Promise.all(
      bots.map(
        (b) =>
          new Promise<void>((resolve) => {
            if (b.child.exitCode !== null) return resolve();
            b.child.once("exit", () => resolve());
            b.child.kill("SIGTERM");
          }),
      ),
    );
    await api.stop();
    await redis.stop();
  }
}

export function budgetReport(r: BudgetResult): { stdout: string; markdown: string } {
  const bound = r.groups / r.rate;
  const share = r.charged > 0 ? (100 * r.limited) / r.charged : 0;
  const lines = [
    `One global budget: ${r.processes} processes, ${r.groups} posts due at once, ${r.rate}/s enforced`,
    `  429: ${r.limited} of ${r.charged} requests (${fmt(share, 2)} %); ${fmt(r.seconds, 2)} s, ${fmt(r.seconds / bound, 3)}x the ${fmt(bound, 1)} s bound`,
    `  lost ${r.lost}, duplicated ${r.duplicated}; posts per process ${r.perProcess.join(", ")}`,
  ];
  const markdown = `## One global budget across processes

${r.processes} bot processes (\`node --import tsx src/main.ts\`, Discord over HTTP) started on one fresh
redis-server holding ${r.groups} groups whose daily post is due, against a stand-in enforcing Discord's
global limit of ${r.rate} requests/s (\`testkit/discord-global-limit.ts\`: a token bucket; beyond it 429
with \`retry_after\` and \`X-RateLimit-Global\`). Every process takes its tokens from the bot's one
budget in Redis (\`src/ops/rate-budget.ts\`).

| measure                                              | value |
| ---------------------------------------------------- | ----- |
| requests charged to the global limit                 | ${r.charged} |
| answered 429                                         | ${r.limited} (${fmt(share, 2)} %) |
| first post to last                                   | ${fmt(r.seconds, 2)} s |
| against the bound (${r.groups} / ${r.rate} per s = ${fmt(bound, 1)} s) | ${fmt(r.seconds / bound, 3)}x |
| lost / duplicated posts                              | ${r.lost} / ${r.duplicated} |
| posts per process                                    | ${r.perProcess.join(", ")} |
`;
  return { stdout: lines.join("\n"), markdown };
}

/** The same run inside the scale section: the due posts among many scheduled groups. */
export function fanOutAtScaleReport(r: BudgetResult): { stdout: string; markdown: string } {
  const bound = r.groups / r.rate;
  const share = r.charged > 0 ? (100 * r.limited) / r.charged : 0;
  const scheduled = (r.groups + r.idle).toLocaleString("en-US");
  const lines = [
    `Fan-out at scale: ${r.groups} posts due among ${scheduled} scheduled groups, ${r.processes} processes, ${r.rate}/s enforced`,
    `  ${fmt(r.seconds, 2)} s (${fmt(r.seconds / bound, 3)}x the ${fmt(bound, 1)} s bound); 429: ${r.limited} of ${r.charged} (${fmt(share, 2)} %); lost ${r.lost}, duplicated ${r.duplicated}; per process ${r.perProcess.join(", ")}`,
  ];
  const markdown = `### Fan-out of due posts at scale

${scheduled} Discord groups scheduled in one fresh redis-server, of which ${r.groups} are due now and
the rest a day later; ${r.processes} bot processes (\`node --import tsx src/main.ts\`, Discord over
HTTP, one global budget in Redis) against the stand-in enforcing ${r.rate} requests/s.

| measure                                              | value |
| ---------------------------------------------------- | ----- |
| first post to last                                   | ${fmt(r.seconds, 2)} s |
| against the bound (${r.groups} / ${r.rate} per s = ${fmt(bound, 1)} s) | ${fmt(r.seconds / bound, 3)}x |
| answered 429                                         | ${r.limited} of ${r.charged} (${fmt(share, 2)} %) |
| lost / duplicated posts                              | ${r.lost} / ${r.duplicated} |
| posts per process                                    | ${r.perProcess.join(", ")} |
`;
  return { stdout: lines.join("\n"), markdown };
}
