import { createHash } from "node:crypto";
import { DefaultRestOptions, type RESTOptions } from "@discordjs/rest";
import type { PlatformHost, RateBudget } from "../../platform/descriptor.ts";

/** Discord's global limit for a bot, unless Discord granted it more (DISCORD_GLOBAL_RATE). */
export const DISCORD_GLOBAL_RATE = 50;

/** How long a request may wait for its turn in the shared budget before discord.js gives up on it. */
const LONGEST_WAIT_MS = 10 * 60_000;

/**
 * Interaction endpoints are not bound to the bot's global rate limit (Discord's rate-limits page):
 * the response callback and the interaction's webhook (its original response and follow-ups), the
 * only webhooks the bot calls.
 */
export function isInteractionEndpoint(url: string): boolean {
  const path = new URL(url).pathname;
  return /\/interactions\/\d+\/[^/]+\/callback$/.test(path) || /\/webhooks\/\d+\/[^/]+(\/|$)/.test(path);
}

/** The budget's name: one per bot token, without the token itself. */
export function botBudgetKey(token: string): string {
  return `discord:${createHash("sha256").update(token).digest("hex").slice(0, 16)}`;
}

/**
 * @discordjs/rest options that make every request but an interaction's take a token from the budget
 * all processes of the bot share, just before it goes on the wire (retries after a 429 or a 5xx
 * take one too). discord.js keeps its per-route buckets and still waits out a global 429, but its own
 * count of the global limit is lifted: it counts requests when they queue for a token, interaction
 * webhooks among them, so they would wait behind posts. Its timeout starts before `makeRequest` and
 * would count the wait for a token, so the network's timeout is applied here, once a request has one.
 */
export function globalBudgetOptions(budget: RateBudget): Partial<RESTOptions> {
  const networkTimeoutMs = DefaultRestOptions.timeout;
  return {
    globalRequestsPerSecond: Number.POSITIVE_INFINITY,
    timeout: LONGEST_WAIT_MS,
    async makeRequest(url: string, init: Parameters<RESTOptions["makeRequest"]>[1]) {
      if (!isInteractionEndpoint(url)) await budget.take();
      const timeout = AbortSignal.timeout(networkTimeoutMs);
      const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
      return DefaultRestOptions.makeRequest(url, { ...init, signal });
    },
  };
}

/** The bot's share of its global budget, through the host, for `discordRest`. */
export function sharedGlobalBudget(
  host: Pick<PlatformHost, "rateBudget">,
  token: string | undefined,
  perSecond: number,
): Partial<RESTOptions> {
  if (!token) return {};
  return globalBudgetOptions(host.rateBudget(botBudgetKey(token), perSecond));
}
