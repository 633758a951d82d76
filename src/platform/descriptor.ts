import type { Logger } from "pino";
import type { z } from "zod";
import type { BotPort } from "../core/bot.ts";
import type { Capabilities, Message, Outbox, PlatformName } from "../core/model.ts";
import type { RouteHandler } from "./http-server.ts";

/** The platform's own limits that neutral code must respect. */
export interface PlatformLimits {
  /** The longest action id a button or form can carry back (Discord's custom_id: 100). */
  actionId: number;
}

/** What an adapter may count, without knowing how metrics are kept. */
export interface PlatformMetrics {
  rateLimitWaits: { inc(labels: { platform: string }): void };
  platformErrors: { inc(labels: { platform: string; code: string }): void };
  /** Answers a platform counts against the caller (Discord: 401, 403 and 429, 10,000 per 10 minutes). */
  invalidRequests: { inc(labels: { platform: string; status: string }): void };
}

/** A request budget shared by every process of the bot. */
export interface RateBudget {
  /** Resolves when the caller may send one request. */
  take(): Promise<void>;
}

/** What start-up hands a platform: the bot to route events to, and the process's shared parts. */
export interface PlatformHost {
  bot: BotPort;
  log: Logger;
  metrics: PlatformMetrics;
  /** Mounts an HTTP endpoint on the bot's one server (PORT). */
  route(method: "GET" | "POST", path: string, handler: RouteHandler): void;
  /** Gives the core the platform's outbox, for scheduled posts and late edits. */
  connect(outbox: Outbox): void;
  /** The bot's time, for deadlines the platform sets (how long an interaction's token lasts). */
  now(): number;
  /**
   * The budget of `perSecond` requests named `key`, shared through Redis by every process of the bot
   * (one key per limit the platform documents: "discord:<bot>", "slack:<team>:chat.postMessage:<channel>").
   */
  rateBudget(key: string, perSecond: number): RateBudget;
}

export interface RunningPlatform {
  stop(): Promise<void>;
}

/**
 * Everything the rest of the bot knows of one platform. Each `src/adapters/<platform>/` exports one;
 * `src/platforms.ts` lists them, and configuration, start-up, the content check and the tests loop over
 * that list.
 */
export interface PlatformDescriptor<S extends z.ZodObject = z.ZodObject> {
  /** The platform's name in group ids and metrics: "discord". */
  name: PlatformName;
  /** How people write it: "Discord". */
  title: string;
  /** Its environment variables, validated with zod; each is documented in .env.example. */
  config: S;
  /** Whether the configuration asks for this platform (its token is set). */
  isConfigured(config: z.output<S>): boolean;
  /** A problem between its variables (a transport without its secret), or undefined. */
  configProblem(config: z.output<S>): string | undefined;
  capabilities: Capabilities;
  limits: PlatformLimits;
  /** What rendering `message` on this platform would shorten, split or drop, for the content check. */
  limitProblems(message: Message): string[];
  start(host: PlatformHost, config: z.output<S>): Promise<RunningPlatform>;
}

/** Declares a platform with its configuration's types checked against its schema. */
export function definePlatform<S extends z.ZodObject>(
  descriptor: PlatformDescriptor<S>,
): PlatformDescriptor<S> {
  return descriptor;
}
