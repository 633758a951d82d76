import type { TestProject } from "vitest/node";
import { RedisCluster } from "../../testkit/redis-cluster.ts";
import { RedisServer } from "../../testkit/redis-server.ts";
import { ensureRedisServerOrExit } from "./ensure-redis.ts";

declare module "vitest" {
  export interface ProvidedContext {
    redisUrl: string;
    /** A three-master Redis Cluster (redis-cluster://…), for the suites that run on Cluster too. */
    redisClusterUrl: string;
  }
}

/**
 * Starts a private redis-server on a free port in a temporary folder, unless REDIS_URL names one,
 * and a three-master Redis Cluster on loopback, unless REDIS_CLUSTER_URL names one.
 */
export default async function setup(project: TestProject) {
  ensureRedisServerOrExit();
  const stops: (() => Promise<void>)[] = [];
  const server = process.env.REDIS_URL ? undefined : new RedisServer();
  const cluster = process.env.REDIS_CLUSTER_URL ? undefined : new RedisCluster();
  const [redisUrl, clusterUrl] = await Promise.all([
    server ? server.start() : (process.env.REDIS_URL as string),
    cluster ? cluster.start() : (process.env.REDIS_CLUSTER_URL as string),
  ]);
  if (server) stops.push(() => server.stop());
  if (cluster) stops.push(() => cluster.stop());
  project.provide("redisUrl", redisUrl);
  project.provide("redisClusterUrl", clusterUrl);
  return async () => {
    await Promise.all(stops.map((stop) => stop()));
  };
}
