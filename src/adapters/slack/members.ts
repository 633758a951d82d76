import type { WebClient } from "@slack/web-api";
import { LRUCache } from "lru-cache";
import { RateLimiterMemory, RateLimiterQueue } from "rate-limiter-flexible";
import { slackCall, type SlackOps } from "./responder.ts";

/** How long a looked-up member is taken as they are; after that their name is still used, and asked again. */
const FRESH_MS = 60 * 60_000;
const CACHE_SIZE = 50_000;
/** How long a command waits for a new member's name before it goes on with their handle. */
const NAME_WAIT_MS = 1000;
/**
 * users.info is Tier 4 (100+ a minute per workspace). Lookups that nothing waits for (a click by a
 * member not seen lately) take half of that, leaving the rest to the ones an event waits for (a
 * command's name, the organizer check); at most BACKGROUND_QUEUE wait their turn, and the others
 * are asked again at the member's next event.
 */
const BACKGROUND_PER_MINUTE = 50;
const BACKGROUND_QUEUE = 1000;

export interface MemberInfo {
  /** What Slack shows: the display name, else the real name, else the handle. */
  name?: string;
  /** Workspace admins and owners organize. */
  organizer: boolean;
}

interface UsersInfo {
  user?: {
    name?: string;
    real_name?: string;
    is_admin?: boolean;
    is_owner?: boolean;
    is_primary_owner?: boolean;
    profile?: { display_name?: string; real_name?: string };
  };
}

export function memberInfo(info: UsersInfo): MemberInfo {
  const u = info.user;
  const name = [u?.profile?.display_name, u?.profile?.real_name, u?.real_name, u?.name]
    .map((n) => n?.trim())
    .find(Boolean);
  return { name, organizer: Boolean(u?.is_admin || u?.is_owner || u?.is_primary_owner) };
}

/** The name an event goes on with, and the name Slack shows, when that is still being asked. */
export interface EventName {
  name: string;
  /** Slack's name for the member, once users.info answers (undefined if it could not be had). */
  shown?: Promise<string | undefined>;
}

/**
 * Members as users.info describes them, asked once per member and kept an hour: one lookup gives
 * both the name events carry and whether the member organizes. Concurrent events of a new member
 * share the one lookup. A click never waits for it (a quiz round's clicks come all at once, from
 * members not seen lately): it goes on with the name known, else the handle in the payload, and the
 * lookup follows off the event's path, paced under users.info's limit.
 */
export class SlackMembers {
  private readonly cache = new LRUCache<string, MemberInfo>({
    max: CACHE_SIZE,
    ttl: FRESH_MS,
    // A member's name stays until evicted: past FRESH_MS it is still used while asked again.
    noDeleteOnStaleGet: true,
  });
  private readonly pending = new Map<string, Promise<MemberInfo>>();
  private readonly queued = new Map<string, Promise<string | undefined>>();
  private readonly background = new RateLimiterQueue(
    new RateLimiterMemory({ points: BACKGROUND_PER_MINUTE, duration: 60 }),
    { maxQueueSize: BACKGROUND_QUEUE },
  );

  constructor(
    private readonly client: WebClient,
    private readonly ops: SlackOps,
  ) {}

  lookup(user: string): Promise<MemberInfo> {
    const hit = this.cache.get(user);
    if (hit) return Promise.resolve(hit);
    let pending = this.pending.get(user);
    if (!pending) {
      pending = slackCall(this.ops, "users.info", () => this.client.users.info({ user }))
        .then((info) => {
          const member = memberInfo(info);
          this.cache.set(user, member);
          return member;
        })
        .finally(() => this.pending.delete(user));
      this.pending.set(user, pending);
    }
    return pending;
  }

  /** The name known for the member, even if it is time to ask again; else their handle, else their id. */
  private known(user: string, handle: string | undefined): string {
    const member = this.cache.get(user, { allowStale: true, noDeleteOnStaleGet: true });
    return member?.name ?? (handle?.trim() || user);
  }

  /**
   * The member's name for an event that must not wait: the one known, else the handle; and, when it
   * was not known fresh, Slack's name once a paced users.info has answered.
   */
  nameNow(user: string, handle: string | undefined): EventName {
    const name = this.known(user, handle);
    if (this.cache.has(user)) return { name };
    let shown = this.queued.get(user);
    // A full queue is checked here, not by the limiter, which would build an error for each refusal.
    if (!shown && this.queued.size >= BACKGROUND_QUEUE) return { name };
    if (!shown) {
      shown = this.background
        .removeTokens(1)
        .then(
          () => this.lookup(user).then((m) => m.name),
          () => undefined, // the limiter's own queue is full: asked again at the member's next event
        )
        .catch((err: unknown) => {
          this.ops.log.warn({ err, user }, "users.info failed; the member keeps their handle for now");
          return undefined;
        })
        .finally(() => this.queued.delete(user));
      this.queued.set(user, shown);
    }
    return { name, shown };
  }

  /**
   * The member's name as Slack shows it, waiting up to a second for a member not seen lately (a
   * command's reply may show it); the name known or their handle while users.info fails or is slow.
   * The lookup still fills the cache for the next event.
   */
  async name(user: string, handle: string | undefined): Promise<string> {
    const fallback = this.known(user, handle);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), NAME_WAIT_MS);
    });
    try {
      const member = await Promise.race([this.lookup(user), late]);
      return member?.name ?? fallback;
    } catch (err) {
      this.ops.log.warn({ err, user }, "users.info failed; going on with the member's handle");
      return fallback;
    } finally {
      clearTimeout(timer);
    }
  }

  organizer(user: string): () => Promise<boolean> {
    return async () => (await this.lookup(user)).organizer;
  }
}
