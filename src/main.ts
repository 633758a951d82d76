import { resolve } from "node:path";
import pino from "pino";
import { runPlayground } from "./adapters/playground/terminal.ts";
import { createApp } from "./app.ts";
import { readConfig } from "./config.ts";
import { loadContent } from "./content/loader.ts";
import { DEFAULT_SCORING } from "./domain/scoring.ts";
import { MemoryStore } from "./store/memory-store.ts";
import { connectRedis, RedisStore } from "./store/redis-store.ts";
import type { Store } from "./store/store.ts";

async function openStore(url: string, prefix: string): Promise<{ store: Store; note: string }> {
  const redis = await connectRedis(url);
  if (redis)
    return { store: new RedisStore(redis, { prefix, scoring: DEFAULT_SCORING }), note: `Redis at ${url}` };
  return {
    store: new MemoryStore(DEFAULT_SCORING),
    note: `the in-memory store (no Redis answered at ${url}; nothing is kept after you quit)`,
  };
}

async function main(): Promise<void> {
  const config = readConfig();
  const content = loadContent(resolve(config.CONTENT_DIR));
  // The playground owns the terminal, so it logs only problems, to stderr.
  const log = pino({ level: config.LOG_LEVEL ?? "warn" }, pino.destination(2));
  const { store, note } = await openStore(config.REDIS_URL, config.REDIS_PREFIX);
  const app = createApp({
    store,
    content,
    log,
    defaults: {
      timezone: config.DEFAULT_TIMEZONE,
      plan: config.DEFAULT_PLAN,
      quizSeconds: config.QUIZ_SECONDS,
    },
  });
  app.closer.start();
  const questions = content.questions.size;
  await runPlayground(
    app,
    process.stdin,
    process.stdout,
    `Study group playground: no platform tokens set, so this runs in your terminal.\nUsing ${note}. ${questions} quiz questions loaded.`,
  );
  await app.stop();
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
