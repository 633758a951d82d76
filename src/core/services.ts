import type { Clock } from "./clock.ts";
import type { Outbox, PlatformName } from "./model.ts";

/** Structured logging as the core uses it (pino's logger fits it). */
export interface Log {
  info(details: object, message?: string): void;
  warn(details: object, message?: string): void;
  error(details: object, message?: string): void;
  child(bindings: Record<string, unknown>): Log;
}

/** What the core itself needs of the application's services; the application adds its own. */
export interface CoreServices {
  clock: Clock;
  log: Log;
  /** One outbox per connected platform, for posts and edits outside of an event. */
  outboxes: Map<PlatformName, Outbox>;
}
