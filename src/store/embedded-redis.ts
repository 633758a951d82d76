import RedisMock from "ioredis-mock";
import type { RedisClient } from "./redis-client.ts";

let engines = 0;

/**
 * An in-process Redis engine for the playground on a machine with neither a Redis server nor the
 * redis-server binary: ioredis-mock, which runs the same commands and the same Lua scripts (in
 * fengari, a Lua VM in JavaScript) on data in this process's memory. Each engine starts empty and
 * shares nothing with another; its data is gone when the process ends. The store contract tests run
 * against it as well as against a real Redis.
 */
export function createEmbeddedRedis(): RedisClient {
  // ioredis-mock shares data between clients of the same host and port: a host of its own keeps
  // every engine apart.
  return new RedisMock({ host: `embedded-${++engines}`, port: 6379 });
}
