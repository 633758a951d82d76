import type { TestProject } from "vitest/node";
import { RedisServer } from "../../testkit/redis-server.ts";
import { ensureRedisServerOrExit } from "./ensure-redis.ts";

declare module "vitest" {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

/** Starts a private redis-server on a free port in a temporary folder, unless REDIS_URL names one. */
export default async function setup(project: TestProject) {
  ensureRedisServerOrExit();
  if (process.env.REDIS_URL) {
    project.provide("redisUrl", process.env.REDIS_URL);
    return;
  }
  const server = new RedisServer();
  project.provide("redisUrl", await server.start());
  return () => server.stop();
}
