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

/** How long an upload_url takes the bytes: Slack does not say, and the stand-in gives it 10 minutes. */
export const UPLOAD_URL_TTL_MS = 10 * 60_000;
/** Slack's largest file: 1 GB. */
export const MAX_FILE_BYTES = 1024 * 1024 * 1024;
/** Pictures an image block's slack_file may be (Slack file object: png, jpg, jpeg, gif). */
const IMAGE_TYPES = new Set(["png", "jpg", "jpeg", "gif"]);

/** A file as the stand-in holds it, from files.getUploadURLExternal on. */
export interface SlackFileState {
  id: string;
  name: string;
  /** The length files.getUploadURLExternal was told. */
  length: number;
  urlIssuedAt: number;
  /** What the upload_url received, once it did. */
  bytes?: Buffer;
  contentType?: string;
  completed: boolean;
  completedAt?: number;
  /** The channels (or direct messages) it was shared in, with the thread when shared as a reply. */
  shares: { channel: string; thread?: string }[];
  title?: string;
}

export interface SlackApi extends StandIn {
  /** Every file begun with files.getUploadURLExternal, or uploaded by a member, by id. */
  readonly files: Map<string, SlackFileState>;
  /**
   * A file a member uploaded through a file_input: complete, shared nowhere, readable with
   * files.info and url_private_download by a bot token (files:read). Returns it as the
   * view_submission's file_input value lists it.
   */
  memberFile(name: string, bytes: Buffer, mimetype: string): { id: string; name: string; size: number };
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
 *
 * Files follow Slack's upload flow: files.getUploadURLExternal (a filename and a length in bytes,
 * at most 1 GB) gives an upload_url and a file_id; the upload_url takes one POST of exactly that many
 * bytes (raw, or one multipart file part) and refuses a late one; files.completeUploadExternal
 * finishes files that were uploaded (an unknown id, or a file whose bytes never came, is refused) and
 * shares them where channel_id says, or nowhere (private to the bot). An image block's slack_file
 * must name a completed png, jpg or gif, or the message is refused with invalid_blocks (also, with
 * `imageReadyAfterMs`, while Slack is still processing a file completed a moment ago).
 */
export function slackStandIn(
  options: {
    notInChannel?: string;
    /** How long after completion a picture stays unusable in an image block (Slack making its preview). */
    imageReadyAfterMs?: number;
  } = {},
): SlackApi {
  const api = new StandIn() as SlackApi;
  const users = new Map<string, SlackUser>([["UADMIN", { name: "admin", isAdmin: true }]]);
  const deactivated = new Set<string>();
  const responseUrls = new Map<string, ResponseUrlState>();
  const exchanged = new Set<string>();
  const limits = new Map<string, { seconds: number; until?: number }>();
  const files = new Map<string, SlackFileState>();
  let responses = 0;
  let fileCount = 0;

  /** The first problem of a message's image blocks, as Slack names it, or undefined. */
  const imageProblem = (blocks: unknown, at = Date.now()): string | undefined => {
    const list = Array.isArray(blocks)
      ? (blocks as ({ type?: string; slack_file?: { id?: string } } | null)[])
      : [];
    for (const block of list) {
      if (block?.type !== "image" || !block.slack_file) continue;
      const file = files.get(block.slack_file.id ?? "");
      const ext = file?.name.split(".").pop()?.toLowerCase() ?? "";
      if (!file?.completed || !IMAGE_TYPES.has(ext)) return "invalid_blocks";
      if (at - (file.completedAt ?? 0) < (options.imageReadyAfterMs ?? 0)) return "invalid_blocks";
    }
    return undefined;
  };

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
  method("chat.postMessage", (req) => {
    if (param(req, "channel") === options.notInChannel) return { ok: false, error: "not_in_channel" };
    const problem = imageProblem(param2(req, "blocks"));
    if (problem) return { ok: false, error: problem };
    return { ok: true, channel: param(req, "channel"), ts: nextTs(), message: {} };
  });
  method("conversations.open", (req) => {
    const user = param(req, "users") ?? "";
    if (!user) return { ok: false, error: "invalid_arguments" };
    if (!/^[UW][A-Z0-9]+$/.test(user)) return { ok: false, error: "user_not_found" };
    if (deactivated.has(user)) return { ok: false, error: "user_disabled" };
    return { ok: true, channel: { id: `D${user.slice(1)}` } };
  });
  method("chat.update", (req) => ({ ok: true, channel: param(req, "channel"), ts: param(req, "ts") }));
  method("chat.postEphemeral", (req) => {
    if (param(req, "channel") === options.notInChannel) return { ok: false, error: "not_in_channel" };
    const problem = imageProblem(param2(req, "blocks"));
    if (problem) return { ok: false, error: problem };
    return { ok: true, message_ts: nextTs() };
  });
  method("files.getUploadURLExternal", (req) => {
    const filename = param(req, "filename");
    const length = Number(param(req, "length"));
    if (!filename || !Number.isInteger(length) || length < 1 || length > MAX_FILE_BYTES)
      return { ok: false, error: "invalid_arguments" };
    const id = `F${String(++fileCount).padStart(8, "0")}`;
    files.set(id, { id, name: filename, length, urlIssuedAt: req.at, completed: false, shares: [] });
    return { ok: true, upload_url: `${api.url}/upload/${id}`, file_id: id };
  });
  method("files.completeUploadExternal", (req) => {
    const list = param2(req, "files");
    if (!Array.isArray(list) || list.length === 0) return { ok: false, error: "invalid_arguments" };
    const channel = param(req, "channel_id");
    const thread = param(req, "thread_ts");
    if (thread && !channel) return { ok: false, error: "invalid_arguments" };
    if (channel && channel === options.notInChannel) return { ok: false, error: "not_in_channel" };
    const named = (list as { id?: string; title?: string }[]).map((f) => ({
      f,
      state: files.get(f.id ?? ""),
    }));
    if (named.some(({ state }) => !state || !state.bytes)) return { ok: false, error: "file_not_found" };
    const done = named.map(({ f, state }) => {
      const file = state as SlackFileState;
      file.completed = true;
      file.completedAt = req.at;
      if (f.title) file.title = f.title;
      if (channel) file.shares.push({ channel, ...(thread ? { thread } : {}) });
      return { id: file.id, name: file.name, title: file.title ?? file.name, size: file.length };
    });
    return { ok: true, files: done };
  });
  method("files.info", (req) => {
    const file = files.get(param(req, "file") ?? "");
    if (!file?.completed || !file.bytes) return { ok: false, error: "file_not_found" };
    const url = `${api.url}/download/${file.id}/${encodeURIComponent(file.name)}`;
    return {
      ok: true,
      file: {
        id: file.id,
        name: file.name,
        mimetype: file.contentType,
        size: file.bytes.length,
        url_private: url,
        url_private_download: url,
      },
    };
  });
  // url_private_download: the bytes, for a request with a bot token only.
  api.on((req): Reply | undefined => {
    const match = /^\/download\/(F\d+)\/([^/]+)$/.exec(req.path);
    if (req.method !== "GET" || !match) return undefined;
    if (!/^Bearer xox[bp]-/.test(String(req.headers.authorization ?? "")))
      return { status: 403, headers: { "content-type": "text/plain" }, body: "not_authed" };
    const file = files.get(match[1] ?? "");
    if (!file?.bytes || file.name !== match[2]) return { status: 404, body: "file_not_found" };
    return { status: 200, headers: { "content-type": file.contentType ?? "" }, raw: file.bytes };
  });
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
  method("views.publish", (req) => {
    const view = param2(req, "view") as { blocks?: unknown } | undefined;
    const problem = imageProblem(view?.blocks);
    return problem ? { ok: false, error: problem } : { ok: true, view: { id: "V2" } };
  });
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
    if (imageProblem((req.body as { blocks?: unknown } | undefined)?.blocks))
      return { status: 400, body: "invalid_blocks" };
    state.uses++;
    return { status: 200, body: { ok: true } };
  });

  // The upload_url: one POST of the bytes, raw or as one multipart file part, before it expires.
  api.on((req): Reply | undefined => {
    const match = /^\/upload\/(F\d+)$/.exec(req.path);
    if (req.method !== "POST" || !match) return undefined;
    const file = files.get(match[1] ?? "");
    if (!file || file.bytes || req.at - file.urlIssuedAt > UPLOAD_URL_TTL_MS)
      return { status: 404, headers: { "content-type": "text/plain" }, body: "upload_url not found" };
    const part = req.files?.[0];
    const bytes = part ? part.bytes : req.bytes;
    if (bytes.length !== file.length)
      return { status: 400, body: `expected ${file.length} bytes, got ${bytes.length}` };
    file.bytes = bytes;
    file.contentType = part?.contentType ?? String(req.headers["content-type"] ?? "");
    return { status: 200, headers: { "content-type": "text/plain" }, body: `OK - ${bytes.length}` };
  });

  return Object.assign(api, {
    users,
    files,
    memberFile(name: string, bytes: Buffer, mimetype: string) {
      const id = `F${String(++fileCount).padStart(8, "0")}`;
      files.set(id, {
        id,
        name,
        length: bytes.length,
        urlIssuedAt: Date.now(),
        bytes,
        contentType: mimetype,
        completed: true,
        shares: [],
      });
      return { id, name, size: bytes.length };
    },
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
