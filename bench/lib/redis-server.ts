import { Redis } from "ioredis";
import { RedisServer } from "../../testkit/redis-server.ts";

export { freePort } from "../../testkit/redis-server.ts";

/** The tests' private redis-server (free port, temporary folder, no persistence), plus a bookkeeping client. */
export class BenchRedis extends RedisServer {
  /** A plain client for the benchmark's own bookkeeping (never the bot's connection). */
  client(): Redis {
    const client = new Redis(this.url, { maxRetriesPerRequest: 1 });
    client.on("error", () => {});
    return client;
  }
}

/** Calls since the last CONFIG RESETSTAT but the bookkeeping's own; a script's inner commands count too. */
export async function commandsSinceReset(admin: Redis): Promise<{ all: number }> {
  const info = await admin.info("commandstats");
  let all = 0;
  for (const m of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) {
    const name = m[1] ?? "";
    if (!name.startsWith("info") && !name.startsWith("config")) all += Number(m[2]);
  }
  return { all };
}
