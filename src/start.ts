import { resolve } from "node:path";
import type { Logger } from "pino";
import { type App, type AppOptions, createApp } from "./app.ts";
import type { Config } from "./config.ts";
import type { Content } from "./content/model.ts";
import type { Clock } from "./core/clock.ts";
import { DEFAULT_SCORING } from "./domain/scoring.ts";
import { healthEndpoint, metricsEndpoint } from "./ops/health.ts";
import { Metrics } from "./ops/metrics.ts";
import { RedisRateBudgets } from "./ops/rate-budget.ts";
import type { PlatformHost } from "./platform/descriptor.ts";
import { HttpServer } from "./platform/http-server.ts";
import { type AnyPlatform, PLATFORMS } from "./platforms.ts";
import { connectRedis } from "./store/redis-client.ts";
import { RedisStore } from "./store/redis-store.ts";

export interface RunningBot {
  app: App;
  /** The HTTP port in use: health, metrics and the HTTP transports. */
  port: number;
  stop(): Promise<void>;
}

/** The platforms the configuration asks for (their tokens are set). */
export function platformsConfigured(
  config: Config,
  platforms: readonly AnyPlatform[] = PLATFORMS,
): AnyPlatform[] {
  return platforms.filter((p) => p.isConfigured(config as never));
}

/** Starts the bot for the configured platforms: Redis is required, content is loaded once. */
export async function startBot(
  config: Config,
  log: Logger,
  options: {
    clock?: Clock;
    content?: Content;
    metrics?: Metrics;
    /** The platforms to serve when configured: the registry's unless told. */
    platforms?: readonly AnyPlatform[];
    /** The commands to serve: every feature's unless told. */
    commands?: AppOptions["commands"];
  } = {},
): Promise<RunningBot> {
  // Without content given (main.ts loads it in a child process), it is loaded here, parser and all.
  const content =
    options.content ?? (await import("./content/loader.ts")).loadContent(resolve(config.CONTENT_DIR));
  const redis = await connectRedis(config.REDIS_URL, 5000);
  if (!redis)
    throw new Error(`Redis at ${config.REDIS_URL} did not answer; the bot needs it to keep scores.`);
  const metrics = options.metrics ?? new Metrics();
  redis.on("error", (err) => {
    metrics.redisErrors.inc();
    log.warn({ err }, "redis connection error");
  });
  const store = new RedisStore(redis, {
    prefix: config.REDIS_PREFIX,
    scoring: DEFAULT_SCORING,
    // Quiz rounds run on Redis server time, one clock for every process; a test's clock replaces it.
    clock: options.clock ? "caller" : "redis",
  });
  const app = createApp({
    store,
    content,
    log,
    clock: options.clock,
    metrics,
    commands: options.commands,
    defaults: {
      timezone: config.DEFAULT_TIMEZONE,
      plan: config.DEFAULT_PLAN,
      quizSeconds: config.QUIZ_SECONDS,
      postTime: config.DEFAULT_POST_TIME,
    },
  });
  const budgets = new RedisRateBudgets(redis, config.REDIS_PREFIX, log);
  const server = new HttpServer(log);
  server.route("GET", "/healthz", healthEndpoint(store));
  server.route("GET", "/metrics", metricsEndpoint(metrics));
  const stops: (() => Promise<void>)[] = [];
  try {
    const platforms = platformsConfigured(config, options.platforms);
    for (const platform of platforms) {
      const host: PlatformHost = {
        bot: app.bot,
        log,
        metrics,
        route: (method, path, handler) => server.route(method, path, handler),
        connect: (outbox) => app.connect(platform.name, outbox),
        now: () => app.services.clock.now(),
        rateBudget: (key, perSecond) => budgets.budget(key, perSecond),
      };
      stops.push((await platform.start(host, config as never)).stop);
    }
    const port = await server.listen(config.PORT);
    app.startSchedules();
    log.info({ port, platforms: platforms.map((p) => p.name) }, "bot started");
    return {
      app,
      port,
      /** Stops taking events, lets the ones in flight finish, stops schedules and closes Redis. */
      async stop() {
        await server.close();
        for (const stop of stops) await stop();
        await app.stop();
        log.info("bot stopped");
      },
    };
  } catch (err) {
    await server.close();
    await app.stop();
    throw err;
  }
}
