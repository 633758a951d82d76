import { createHmac, randomBytes } from "node:crypto";
import { viewProblems } from "./slack-view.ts";
import { type Recorded, type Reply, StandIn } from "./stand-in.ts";

let ts = 1_700_000_000;
const nextTs = () => `${++ts}.000100`;
let triggers = 0;

/** Slack: "trigger_id … expires in 3 seconds", and is exchanged once. */
export const TRIGGER_TTL_MS = 3000;
/** Slack: a response_url can be used "up to 5 times within 30 minutes". */
export const RESPONSE_URL_USES = 5;
export const RESPONSE_URL_TTL_MS = 30 * 60_000;

function param(req: Recorded, name: string): string | undefined {
  const body = req.body as Record<string, unknown> | string;
  if (body && typeof body === "object" && name in body) return String(body[name]);
  return undefined;
}

/**
 * A trigger_id as Slack sends it with an interaction. This one carries the time it was issued
 * (`ageMs` ago), so the stand-in can tell when it expires without having issued it itself.
 */
export function triggerId(ageMs = 0): string {
  return `${Date.now() - ageMs}.${++triggers}.${randomBytes(6).toString("hex")}`;
}

/** A member as users.info describes them; the display name and real name are optional in Slack too. */
export interface SlackUser {
  /** The handle, `user.name`. */
  name?: string;
  displayName?: string;
  realName?: string;
  isAdmin?: boolean;
}

export interface SlackApi extends StandIn {
  /** The members users.info knows by id; any other well-formed id is a member with a handle only. */
  readonly users: Map<string, SlackUser>;
  /**
   * Members who cannot get a direct message from the app: conversations.open answers user_disabled
   * for them, as Slack does for a deactivated account (members cannot block an app's DMs otherwise).
   */
  readonly deactivated: Set<string>;
  /** A response_url issued `ageMs` ago, as an interaction carries it. */
  responseUrl(ageMs?: number): string;
  /**
   * From the first request to `path` on, answers 429 with Retry-After for `seconds`, to every request
   * that comes before they have passed, as Slack does.
   */
  rateLimit(path: string, seconds: number): void;
}

interface ResponseUrlState {
  issuedAt: number;
  uses: number;
}

/**
 * A stand-in for Slack's Web API (POST /api/<method>) and for response_url, answering like Slack and
 * refusing what Slack refuses: a trigger_id older than 3 s or already exchanged, a response_url used
 * five times or older than 30 minutes, a request during a rate limit's Retry-After, conversations.open
 * for a deactivated member (user_disabled) or a malformed id (user_not_found).
 */
export function slackStandIn(options: { notInChannel?: string } = {}): SlackApi {
  const api = new StandIn() as SlackApi;
  const users = new Map<string, SlackUser>([["UADMIN", { name: "admin", isAdmin: true }]]);
  const deactivated = new Set<string>();
  const responseUrls = new Map<string, ResponseUrlState>();
  const exchanged = new Set<string>();
  const limits = new Map<string, { seconds: number; until?: number }>();
  let responses = 0;

  const method = (name: string, reply: (req: Recorded) => Record<string, unknown>) =>
    api.on((req) =>
      req.method === "POST" && req.path === `/api/${name}` ? { status: 200, body: reply(req) } : undefined,
    );

  // Rate limits first: a limited route answers nothing else until its Retry-After has passed.
  api.on((req): Reply | undefined => {
    const limit = limits.get(req.path);
    if (!limit) return undefined;
    limit.until ??= req.at + limit.seconds * 1000;
    const left = limit.until - req.at;
    if (left <= 0) return undefined;
    return {
      status: 429,
      headers: { "retry-after": String(Math.ceil(left / 1000)) },
      body: { ok: false, error: "ratelimited" },
    };
  });
  method("auth.test", () => ({
    ok: true,
    url: "https://t.slack.com/",
    team: "T",
    user: "bot",
    team_id: "T1",
    user_id: "UBOT",
    bot_id: "BBOT",
  }));
  method("chat.postMessage", (req) =>
    param(req, "channel") === options.notInChannel
      ? { ok: false, error: "not_in_channel" }
      : { ok: true, channel: param(req, "channel"), ts: nextTs(), message: {} },
  );
  method("conversations.open", (req) => {
    const user = param(req, "users") ?? "";
    if (!user) return { ok: false, error: "invalid_arguments" };
    if (!/^[UW][A-Z0-9]+$/.test(user)) return { ok: false, error: "user_not_found" };
    if (deactivated.has(user)) return { ok: false, error: "user_disabled" };
    return { ok: true, channel: { id: `D${user.slice(1)}` } };
  });
  method("chat.update", (req) => ({ ok: true, channel: param(req, "channel"), ts: param(req, "ts") }));
  method("chat.postEphemeral", (req) =>
    param(req, "channel") === options.notInChannel
      ? { ok: false, error: "not_in_channel" }
      : { ok: true, message_ts: nextTs() },
  );
  method("views.open", (req) => {
    const trigger = param(req, "trigger_id");
    const issuedAt = Number(trigger?.split(".")[0]);
    if (!trigger) return { ok: false, error: "invalid_arguments" };
    if (!/^\d+\.\d+\.[0-9a-f]+$/.test(trigger) || !Number.isFinite(issuedAt))
      return { ok: false, error: "invalid_trigger_id" };
    if (exchanged.has(trigger)) return { ok: false, error: "exchanged_trigger_id" };
    if (req.at - issuedAt > TRIGGER_TTL_MS) return { ok: false, error: "expired_trigger_id" };
    const problems = viewProblems(param2(req, "view"));
    if (problems.length > 0)
      return { ok: false, error: "invalid_arguments", response_metadata: { messages: problems } };
    exchanged.add(trigger);
    return { ok: true, view: { id: `V${exchanged.size}` } };
  });
  method("views.publish", () => ({ ok: true, view: { id: "V2" } }));
  method("users.info", (req) => {
    const id = param(req, "user") ?? "";
    if (!/^[UW][A-Z0-9]+$/.test(id)) return { ok: false, error: "user_not_found" };
    const known = users.get(id) ?? {};
    const handle = known.name ?? id.slice(1).toLowerCase();
    return {
      ok: true,
      user: {
        id,
        team_id: "T1",
        name: handle,
        deleted: false,
        real_name: known.realName ?? "",
        is_admin: known.isAdmin ?? false,
        is_owner: false,
        is_primary_owner: false,
        is_bot: false,
        profile: {
          real_name: known.realName ?? "",
          display_name: known.displayName ?? "",
          real_name_normalized: known.realName ?? "",
          display_name_normalized: known.displayName ?? "",
        },
      },
    };
  });
  api.on((req): Reply | undefined => {
    if (req.method !== "POST" || !req.path.startsWith("/response/")) return undefined;
    const state = responseUrls.get(req.path) ?? { issuedAt: req.at, uses: 0 };
    responseUrls.set(req.path, state);
    if (req.at - state.issuedAt > RESPONSE_URL_TTL_MS) return { status: 404, body: "expired_url" };
    if (state.uses >= RESPONSE_URL_USES) return { status: 404, body: "used_url" };
    state.uses++;
    return { status: 200, body: { ok: true } };
  });

  return Object.assign(api, {
    users,
    deactivated,
    responseUrl(ageMs = 0) {
      const path = `/response/${++responses}`;
      responseUrls.set(path, { issuedAt: Date.now() - ageMs, uses: 0 });
      return `${api.url}${path}`;
    },
    rateLimit(path: string, seconds: number) {
      limits.set(path, { seconds });
    },
  });
}

/** Slack's own request signature: v0=HMAC-SHA256(secret, "v0:{timestamp}:{body}"). */
export function slackHeaders(
  secret: string,
  body: string,
  contentType: string,
  timestamp = Math.floor(Date.now() / 1000),
) {
  const base = `v0:${timestamp}:${body}`;
  return {
    "content-type": contentType,
    "x-slack-request-timestamp": String(timestamp),
    "x-slack-signature": `v0=${createHmac("sha256", secret).update(base).digest("hex")}`,
  };
}

export function param2(req: Recorded | undefined, name: string): unknown {
  const body = req?.body as Record<string, unknown> | undefined;
  const value = body?.[name];
  if (typeof value === "string" && (value.startsWith("[") || value.startsWith("{"))) return JSON.parse(value);
  return value;
}

/**
 * A block_actions payload for a button click on a bot message, shaped after the example in Slack's
 * block_actions payload reference.
 */
export function blockActions(options: {
  actionId: string;
  user: string;
  team: string;
  channel: string;
  responseUrl: string;
  messageTs?: string;
  /** The thread the clicked message is in; a thread's parent has its own ts here. */
  threadTs?: string;
  /** Fresh unless given: a trigger_id expires 3 s after the click. */
  triggerId?: string;
}) {
  const messageTs = options.messageTs ?? "1700000001.000100";
  const name = options.user.toLowerCase().replace(/^u/, "");
  return {
    type: "block_actions",
    user: { id: options.user, username: name, name, team_id: options.team },
    api_app_id: "A1",
    token: "legacy",
    container: { type: "message", message_ts: messageTs, channel_id: options.channel, is_ephemeral: false },
    trigger_id: options.triggerId ?? triggerId(),
    team: { id: options.team, domain: "t" },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: options.channel, name: "study" },
    message: {
      type: "message",
      ts: messageTs,
      text: "quiz",
      user: "UBOT",
      bot_id: "BBOT",
      ...(options.threadTs ? { thread_ts: options.threadTs } : {}),
    },
    state: { values: {} },
    response_url: options.responseUrl,
    actions: [
      {
        action_id: options.actionId,
        block_id: "b1",
        text: { type: "plain_text", text: "A", emoji: true },
        value: options.actionId,
        type: "button",
        action_ts: `${Math.floor(Date.now() / 1000)}.000200`,
      },
    ],
  };
}
