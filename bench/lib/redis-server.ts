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
