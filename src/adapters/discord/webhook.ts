import { retryWhile } from "../../platform/retry-while.ts";
import { isUnknownMessage } from "./errors.ts";

/** An interaction's webhook token lasts 15 minutes from the interaction's creation. */
export const TOKEN_LIFETIME_MS = 15 * 60_000;
/** Webhook calls this close to the token's end are not tried: they would end in a 401. */
export const TOKEN_MARGIN_MS = 30_000;
/** Waits between tries while Discord catches up with an interaction's response: about 3 s in all. */
export const WEBHOOK_RETRY_MS = [100, 200, 400, 800, 1600] as const;

/** Discord's epoch, the first second of 2015: a snowflake's top bits count milliseconds from it. */
const DISCORD_EPOCH = 1420070400000n;

/** When an interaction's token runs out, from the time in its snowflake id; undefined for an id that is no snowflake. */
export function tokenExpiresAt(interactionId: string): number | undefined {
  if (!/^\d{1,20}$/.test(interactionId)) return undefined;
  return Number((BigInt(interactionId) >> 22n) + DISCORD_EPOCH) + TOKEN_LIFETIME_MS;
}

/**
 * Runs a call on an interaction's webhook, trying again with backoff while Discord answers Unknown
 * Webhook (10015) or Unknown Message (10008): right after an interaction response it may not know
 * the response yet (discord-api-docs #7220).
 */
export function webhookCall<T>(
  call: () => Promise<T>,
  waits: readonly number[] = WEBHOOK_RETRY_MS,
): Promise<T> {
  return retryWhile(call, waits, isUnknownMessage);
}
