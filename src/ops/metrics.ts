import { collectDefaultMetrics, Counter, Histogram, Registry } from "prom-client";

/** The bot's Prometheus metrics, on one registry per app (so tests and several apps never clash). */
export class Metrics {
  readonly registry = new Registry();
  readonly events = new Counter({
    name: "studybot_events_total",
    help: "Inbound events handled, by kind and outcome",
    labelNames: ["platform", "kind", "outcome"] as const,
    registers: [this.registry],
  });
  readonly userErrors = new Counter({
    name: "studybot_user_errors_total",
    help: "Mistakes members were told about and platform refusals, by their code",
    labelNames: ["platform", "code"] as const,
    registers: [this.registry],
  });
  readonly latency = new Histogram({
    name: "studybot_handler_seconds",
    help: "Time the core took to handle an event",
    labelNames: ["kind"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly posts = new Counter({
    name: "studybot_posts_total",
    help: "Scheduled daily posts, by platform and outcome",
    labelNames: ["platform", "outcome"] as const,
    registers: [this.registry],
  });
  readonly platformErrors = new Counter({
    name: "studybot_platform_errors_total",
    help: "Errors answered by a platform API",
    labelNames: ["platform", "code"] as const,
    registers: [this.registry],
  });
  readonly invalidRequests = new Counter({
    name: "studybot_platform_invalid_requests_total",
    help: "Answers a platform counts against the bot (Discord: 401, 403 and 429; 10,000 in 10 minutes blocks the IP)",
    labelNames: ["platform", "status"] as const,
    registers: [this.registry],
  });
  readonly rateLimitWaits = new Counter({
    name: "studybot_rate_limit_waits_total",
    help: "Requests delayed by a platform rate limit",
    labelNames: ["platform"] as const,
    registers: [this.registry],
  });
  readonly redisErrors = new Counter({
    name: "studybot_redis_errors_total",
    help: "Redis connection errors and commands that failed for want of Redis",
    registers: [this.registry],
  });

  /** Adds the process metrics (memory, event loop lag, CPU); once per process. */
  withProcessMetrics(): this {
    collectDefaultMetrics({ register: this.registry, prefix: "studybot_" });
    return this;
  }
}
