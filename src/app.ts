import type { Logger } from "pino";
import { commands as allCommands } from "../commands/index.ts";
import type { Content } from "./content/model.ts";
import { closeRound } from "../commands/quiz/round.ts";
import { homeMessage } from "../commands/studygroup/home-view.ts";
import { tellDirectClosed } from "../commands/remind/notice.ts";
import { AppContext } from "./app/app-context.ts";
import { type GroupDefaults, Groups } from "./app/groups.ts";
import type { AppServices } from "./app/services.ts";
import type { MemberInsight } from "./app/insight.ts";
import { memoryInsight } from "./app/memory-insight.ts";
import { Bot } from "./core/bot.ts";
import { type Clock, systemClock } from "./core/clock.ts";
import type { Command } from "./core/command.ts";
import type { Outbox, PlatformName } from "./core/model.ts";
import { DEFAULT_SCORING, type ScoringRule } from "./domain/scoring.ts";
import { Metrics } from "./ops/metrics.ts";
import { DailyPoster } from "./scheduler/daily-poster.ts";
import { RoundCloser } from "./scheduler/round-closer.ts";
import type { Store } from "./store/store.ts";

export interface AppOptions {
  store: Store;
  content: Content;
  log: Logger;
  clock?: Clock;
  scoring?: ScoringRule;
  defaults?: Partial<GroupDefaults>;
  commands?: readonly Command<AppContext>[];
  metrics?: Metrics;
  /** What is known of each member's own study, for reminders and digests. */
  insight?: MemberInsight;
}

export interface App {
  bot: Bot<AppContext>;
  services: AppServices;
  closer: RoundCloser;
  poster: DailyPoster;
  /** Starts the timers: round closing and daily posts. */
  startSchedules(): void;
  /** Registers a platform's outbox, so scheduled posts and late edits can reach it. */
  connect(platform: PlatformName, outbox: Outbox): void;
  stop(): Promise<void>;
}

/** Wires the neutral core: store, content, groups, commands and the round closer. Transports attach to `bot`. */
export function createApp(options: AppOptions): App {
  const clock = options.clock ?? systemClock;
  const defaults: GroupDefaults = {
    timezone: "UTC",
    plan: "node-30-day",
    quizSeconds: 60,
    postTime: "09:00",
    ...options.defaults,
  };
  if (!options.content.plans.has(defaults.plan)) {
    const known = [...options.content.plans.keys()].join(", ");
    throw new Error(`The default plan "${defaults.plan}" is not in the content (plans: ${known}).`);
  }
  const outboxes = new Map<PlatformName, Outbox>();
  const services: AppServices = {
    store: options.store,
    content: options.content,
    groups: new Groups(options.store, defaults, new Set(options.content.plans.keys()), () => clock.now()),
    clock,
    log: options.log,
    metrics: options.metrics ?? new Metrics(),
    scoring: options.scoring ?? DEFAULT_SCORING,
    outboxes,
    scheduleRoundClose: (group, roundId, closesAt) => closer.schedule(group, roundId, closesAt),
    nudges: {
      reminderChanged: (group, memberId) => poster.nudges.reminderChanged(group, memberId),
      digestChanged: (group) => poster.nudges.digestChanged(group),
    },
    insight: options.insight ?? memoryInsight(() => services),
  };
  const closer = new RoundCloser(
    options.store,
    clock,
    (group, roundId) => closeRound(services, group, roundId),
    options.log,
  );
  const poster = new DailyPoster(services, options.log);
  return {
    bot: new Bot<AppContext>({
      services,
      commands: options.commands ?? allCommands,
      context: (event, s, commands) => new AppContext(event, s, commands),
      home: (platform, workspace, member) => homeMessage(services, platform, workspace, member),
      rename: async (group, memberId, name) => void (await options.store.renameMember(group, memberId, name)),
      afterCommand: (ctx) => tellDirectClosed(ctx),
      observe({ platform, kind, outcome, seconds, code }) {
        services.metrics.events.inc({ platform, kind, outcome });
        if (outcome === "user-error" && code) services.metrics.userErrors.inc({ platform, code });
        services.metrics.latency.observe({ kind }, seconds);
        if (outcome === "unavailable") services.metrics.redisErrors.inc();
      },
    }),
    services,
    closer,
    poster,
    startSchedules() {
      closer.start();
      poster.start();
    },
    connect: (platform, outbox) => outboxes.set(platform, outbox),
    async stop() {
      closer.stop();
      await poster.stop();
      await this.bot.drain();
      await options.store.close();
    },
  };
}
