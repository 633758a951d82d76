import { Cluster, Redis, type RedisOptions } from "ioredis";

export type RedisClient = Redis | Cluster;

export type RedisTarget =
  | { kind: "single"; url: string }
  | { kind: "sentinel"; sentinels: { host: string; port: number }[]; name: string; password?: string }
  | { kind: "cluster"; nodes: { host: string; port: number }[]; password?: string };

/**
 * Fail fast while Redis is away, so members hear "try again" instead of waiting, and reconnect in
 * the background. Commands are never queued or replayed behind a member's back: one told "try
 * again" must not find the answer counted minutes later.
 */
const COMMON: RedisOptions = {
  lazyConnect: true,
  enableOfflineQueue: false,
  autoResendUnfulfilledCommands: false,
  maxRetriesPerRequest: 1,
  connectTimeout: 3000,
  commandTimeout: 3000,
  retryStrategy: (times) => Math.min(times * 200, 2000),
};

function hosts(list: string, defaultPort: number) {
  return list.split(",").map((entry) => {
    const [host = "", port] = entry.trim().split(":");
    if (!host) throw new Error(`REDIS_URL has an empty host in "${list}"`);
    return { host, port: port ? Number(port) : defaultPort };
  });
}

/**
 * REDIS_URL forms: redis://…, rediss://… (TLS), redis-sentinel://[:password@]h1:26379,h2:26379/master-name
 * and redis-cluster://[:password@]h1:6379,h2:6379.
 */
export function parseRedisUrl(url: string): RedisTarget {
  const match =
    /^(redis-sentinel|redis-cluster):\/\/(?:(?:[^:@/]*):([^@/]*)@)?([^/]+)(?:\/([^/?#]+))?\/?$/.exec(url);
  if (!match) return { kind: "single", url };
  const [, scheme, password, list = "", name] = match;
  const secret = password ? decodeURIComponent(password) : undefined;
  if (scheme === "redis-cluster") return { kind: "cluster", nodes: hosts(list, 6379), password: secret };
  if (!name)
    throw new Error("REDIS_URL for Sentinel needs the master name: redis-sentinel://host:26379/mymaster");
  return { kind: "sentinel", sentinels: hosts(list, 26379), name, password: secret };
}

export function createRedisClient(url: string): RedisClient {
  const target = parseRedisUrl(url);
  switch (target.kind) {
    case "single":
      return new Redis(url, COMMON);
    case "sentinel":
      return new Redis({
        ...COMMON,
        sentinels: target.sentinels,
        name: target.name,
        password: target.password,
      });
    case "cluster":
      return new Cluster(target.nodes, {
        lazyConnect: true,
        redisOptions: { ...COMMON, lazyConnect: undefined, password: target.password },
        clusterRetryStrategy: (times) => Math.min(times * 200, 2000),
      });
  }
}

/** Whether the client finds its master through Sentinel, so writes reach a replica asynchronously. */
export function behindSentinel(client: RedisClient): boolean {
  return !(client instanceof Cluster) && (client.options.sentinels?.length ?? 0) > 0;
}

/** Connects to Redis, or resolves undefined when nothing answers within the timeout. */
export async function connectRedis(url: string, timeoutMs = 1500): Promise<RedisClient | undefined> {
  const client = createRedisClient(url);
  client.on("error", () => {});
  try {
    await Promise.race([
      client.connect(),
      new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), timeoutMs).unref()),
    ]);
    await client.ping();
    return client;
  } catch {
    client.disconnect();
    return undefined;
  }
}
