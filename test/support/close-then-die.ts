/**
 * A bot process that closes one quiz round through the app's own close and dies (SIGKILL, no
 * cleanup) the moment the close turns to the members' memory (DIE_AT=memory, the default) or to the
 * day's statistics (DIE_AT=stats): the crash between a round's close and what follows it. Run with
 * `node --import tsx`; env: REDIS_URL, PREFIX, GROUP, ROUND, NOW, DIE_AT.
 */
import { resolve } from "node:path";
import pino from "pino";
import { closeRound } from "../../commands/quiz/round.ts";
import { createApp } from "../../src/app.ts";
import { loadContent } from "../../src/content/loader.ts";
import { DEFAULT_SCORING } from "../../src/domain/scoring.ts";
import { createRedisClient, RedisStore } from "../../src/store/redis-store.ts";

const env = (name: string) => process.env[name] ?? "";
const redis = createRedisClient(env("REDIS_URL"));
await redis.connect();
const store = new RedisStore(redis, { prefix: env("PREFIX"), scoring: DEFAULT_SCORING, clock: "caller" });
const die = () => {
  process.kill(process.pid, "SIGKILL");
  return new Promise<never>(() => {});
};
if (env("DIE_AT") === "stats") store.recordRoundStats = die;
else store.applyRoundMemory = die;
const now = Number(env("NOW"));
const app = createApp({
  store,
  content: loadContent(resolve("content")),
  log: pino({ level: "silent" }),
  clock: { now: () => now },
});
await closeRound(app.services, env("GROUP"), env("ROUND"));
