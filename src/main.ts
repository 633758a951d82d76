import { join, resolve } from "node:path";
import pino from "pino";
import { createApp } from "./app.ts";
import { type Config, readConfig } from "./config.ts";
import { loadContentInChild } from "./content/load-in-child.ts";
import { DEFAULT_SCORING } from "./domain/scoring.ts";
import { botLog } from "./ops/log.ts";
import { Metrics } from "./ops/metrics.ts";
import { releaseStartUpGarbage } from "./ops/start-up-garbage.ts";
import { keepWebAssemblyOnBaselineCompiler } from "./ops/wasm-tiering.ts";
import { platformsConfigured, startBot } from "./start.ts";

async function playground(config: Config): Promise<void> {
  // The terminal and the embedded Redis engine load only here, never in a bot serving a platform.
  const { runPlayground } = await import("./adapters/playground/terminal.ts");
  const { openPlaygroundStore } = await import("./store/playground-store.ts");
  const content = await loadContentInChild(resolve(config.CONTENT_DIR));
  // The playground owns the terminal, so it logs only problems, to stderr.
  const log = pino({ level: config.LOG_LEVEL ?? "warn" }, pino.destination(2));
  const opened = await openPlaygroundStore({
    redisUrl: config.REDIS_URL,
    prefix: config.REDIS_PREFIX,
    scoring: DEFAULT_SCORING,
    dataDir: config.PLAYGROUND_DATA_DIR,
  });
  try {
    const app = createApp({
      store: opened.store,
      content,
      log,
      defaults: {
        timezone: config.DEFAULT_TIMEZONE,
        plan: config.DEFAULT_PLAN,
        quizSeconds: config.QUIZ_SECONDS,
        postTime: config.DEFAULT_POST_TIME,
      },
    });
    app.startSchedules();
    await runPlayground(
      app,
      process.stdin,
      process.stdout,
      `Study group playground: no platform tokens set, so this runs in your terminal.\nUsing ${opened.description}. ${content.questions.size} quiz questions loaded.`,
      join(config.PLAYGROUND_DATA_DIR, "files"),
    );
    await app.stop();
  } finally {
    await opened.close();
  }
}

async function main(): Promise<void> {
  keepWebAssemblyOnBaselineCompiler();
  const config = readConfig();
  if (platformsConfigured(config).length === 0) {
    await playground(config);
    return;
  }
  const log = botLog(config.LOG_LEVEL ?? "info");
  // One bad event must never take the process down: log with context and carry on.
  process.on("unhandledRejection", (reason) => log.error({ err: reason }, "unhandled promise rejection"));
  process.on("uncaughtException", (err) => log.error({ err }, "uncaught exception"));
  const content = await loadContentInChild(resolve(config.CONTENT_DIR));
  const bot = await startBot(config, log, { content, metrics: new Metrics().withProcessMetrics() });
  releaseStartUpGarbage();
  const shutdown = (signal: string) => {
    log.info({ signal }, "shutting down");
    bot.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
