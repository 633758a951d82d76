import type { WebClient } from "@slack/web-api";
import { LRUCache } from "lru-cache";
import { slackCall, type SlackOps } from "./responder.ts";

const CACHE_MS = 5 * 60_000;
const CACHE_SIZE = 10_000;
/** How long an event waits for a new member's name before it goes on with their handle. */
const NAME_WAIT_MS = 1000;

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

/**
 * Members as users.info describes them, asked once per member and cached a while: one lookup gives
 * both the name events carry and whether the member organizes. Concurrent events of a new member
 * share the one lookup.
 */
export class SlackMembers {
  private readonly cache = new LRUCache<string, MemberInfo>({ max: CACHE_SIZE, ttl: CACHE_MS });
  private readonly pending = new Map<string, Promise<MemberInfo>>();

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

  /**
   * The member's name as Slack shows it; their handle (or id) while users.info fails or is slow, so an
   * event never waits long on it. The lookup still fills the cache for the next event.
   */
  async name(user: string, handle: string | undefined): Promise<string> {
    const fallback = handle?.trim() || user;
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
