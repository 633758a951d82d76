import type { KeyObject } from "node:crypto";
import { type Recorded, type RecordedFile, type Reply, StandIn } from "./stand-in.ts";
import { signedRequest } from "./discord-client.ts";

/**
 * A stand-in for Discord's REST API at /api/v10 that answers the way Discord's documentation says,
 * and refuses what Discord refuses:
 *
 * - An interaction's webhook exists once Discord has the interaction's initial response (the
 *   callback endpoint, or the HTTP response read back by `deliver`), and may answer 404 Unknown
 *   Webhook (10015) for a moment after it (`webhookLagMs`; discord-api-docs #7220).
 * - A follow-up sent while a DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE (type 5) still shows "thinking"
 *   edits that deferred message, keeping its visibility whatever flags it carries; once the deferred
 *   message is deleted, such a follow-up fails with 10008 Unknown Message (Create Followup Message).
 * - Tokens last 15 minutes from the interaction's creation on the stand-in's clock; past that every
 *   webhook call answers 401 Invalid Webhook Token (50027).
 * - An edit keeps the fields it leaves out; messages the API never made are unknown (10008).
 * - 401, 403 and 429 answers are counted, as Discord counts them toward 10,000 per 10 minutes.
 * - Files come as multipart/form-data (Uploading Files): the JSON in `payload_json`, each file a part
 *   `files[n]` whose n is the id of an entry in the body's `attachments`, at most 10 of them and 10 MiB
 *   in all (413, 40005 Request entity too large); a part without its entry, an entry without its
 *   part, or a description over 1024 characters is an Invalid Form Body (50035). The HTTP response
 *   to an interaction cannot carry files: only JSON is read from it.
 * - Create DM (POST /users/@me/channels with recipient_id) gives one DM channel per member; a message
 *   there to a member in `closedDms` is refused with 403 50007 "Cannot send messages to this user".
 */
export class DiscordStandIn extends StandIn {
  /** How long (in real time) the webhook of a just-answered interaction stays unknown. */
  webhookLagMs = 0;
  /** Every 401, 403 and 429 the stand-in answered, with its time on the stand-in's clock. */
  readonly invalidRequests: { status: number; at: number; path: string }[] = [];
  /** Members who do not take direct messages from the bot (their server's DM setting is off). */
  readonly closedDms = new Set<string>();
  /** DM channel id → the member it reaches, as Create DM made them. */
  readonly dmChannels = new Map<string, string>();
  /** Every message the API holds, in the order it made them; deleted ones stay, marked. */
  readonly messages: DiscordMessageState[] = [];
  private readonly interactions = new Map<string, InteractionState>();
  private readonly effects = new WeakMap<Recorded, Effect>();
  private readonly uploads = new Map<string, { filename: string; bytes: Buffer; contentType?: string }>();
  private offsetMs = 0;
  private nextId = 1000n;

  constructor(private readonly clock?: () => number) {
    super();
    this.mountRoutes();
  }

  /** The stand-in's time: the clock it was given, or the wall clock moved on by `advance`. */
  now(): number {
    return (this.clock?.() ?? Date.now()) + this.offsetMs;
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  /** A snowflake for the stand-in's present moment, as Discord makes ids. */
  private snowflake(): string {
    const ms = BigInt(Math.max(0, Math.floor(this.now()))) - DISCORD_EPOCH;
    return String((ms << 22n) | (this.nextId++ & 0x3fffffn));
  }

  /**
   * Discord creating an interaction: gives the payload a fresh snowflake id (its time is when the
   * token's 15 minutes start) and remembers it. Returns the payload as Discord would send it.
   */
  interaction<P extends { id: string; token: string; type: number; channel_id?: string }>(payload: P): P {
    const created = { ...payload, id: this.snowflake() };
    const message = (payload as { message?: { id: string } }).message;
    this.interactions.set(created.token, {
      id: created.id,
      type: created.type,
      channel: created.channel_id ?? "0",
      createdAt: this.now(),
      componentMessage: message?.id,
      followUps: new Map(),
    });
    return created;
  }

  /**
   * Discord delivering an interaction to the bot's HTTP endpoint: signed, posted, and the response
   * taken as the initial response once it has been read in full.
   */
  async deliver(url: string, privateKey: KeyObject, payload: { id: string; token: string; type: number }) {
    const created = this.interaction(payload);
    const text = JSON.stringify(created);
    const res = await fetch(url, { method: "POST", body: text, headers: signedRequest(privateKey, text) });
    const raw = await res.text();
    const json = (raw.startsWith("{") ? JSON.parse(raw) : undefined) as InitialResponse | undefined;
    if (res.status === 200 && json) this.respond(created.token, json);
    return { status: res.status, raw, json, token: created.token, id: created.id };
  }

  /** Records an interaction's initial response; refused like Discord when it is late or a second one. */
  respond(token: string, response: InitialResponse, files: RecordedFile[] = []): Reply {
    const i = this.interactions.get(token);
    if (!i || this.now() - i.createdAt > RESPONSE_WINDOW_MS)
      return refusal(404, 10062, "Unknown interaction");
    if (i.response) return refusal(400, 40060, "Interaction has already been acknowledged.");
    const problem = uploadProblem(response.data ?? {}, files);
    if (problem) return problem;
    const flags = response.data?.flags ?? 0;
    i.response = { type: response.type, flags, at: this.now(), wallAt: Date.now() };
    if (response.type === 4 || response.type === 5) {
      i.original = this.create(
        i.channel,
        response.data ?? {},
        (flags & EPHEMERAL) !== 0,
        "interaction",
        files,
      );
      i.loading = response.type === 5;
    } else if ((response.type === 6 || response.type === 7) && i.componentMessage) {
      i.original = this.known(i.componentMessage, i.channel);
      if (response.type === 7) this.edit(i.original, response.data ?? {}, files);
    }
    return NO_CONTENT;
  }

  /**
   * A file a member attaches to a command option, as Discord resolves it: an attachment object whose
   * url the stand-in serves (Discord's CDN), for the interaction's `data.resolved.attachments`.
   */
  attach(filename: string, bytes: Buffer, contentType?: string) {
    const id = this.snowflake();
    this.uploads.set(id, { filename, bytes, contentType });
    return {
      id,
      filename,
      size: bytes.length,
      url: `${this.url}/attachments/${id}/${encodeURIComponent(filename)}`,
      proxy_url: `${this.url}/attachments/${id}/${encodeURIComponent(filename)}`,
      ...(contentType ? { content_type: contentType } : {}),
    };
  }

  /** The message a request made or changed, and who sees it; undefined for calls that show nothing. */
  effectOf(r: Recorded): Effect | undefined {
    return this.effects.get(r);
  }

  /** The interaction an earlier `interaction` or `deliver` made, by its token. */
  interactionOf(token: string): InteractionState | undefined {
    return this.interactions.get(token);
  }

  /** Messages still there, for the channel or for the member alone. */
  visible(audience: Audience): DiscordMessageState[] {
    return this.messages.filter((m) => !m.deleted && m.audience === audience);
  }

  override once(match: (req: Recorded) => boolean, reply: Reply): this {
    let used = false;
    return super.once((req) => {
      if (used || !match(req)) return false;
      used = true;
      this.count(reply.status, req.path);
      return true;
    }, reply);
  }

  private count(status: number, path: string): void {
    if (status === 401 || status === 403 || status === 429)
      this.invalidRequests.push({ status, at: this.now(), path });
  }

  private create(
    channel: string,
    body: MessageBody,
    ephemeral: boolean,
    via: DiscordMessageState["via"],
    files: RecordedFile[] = [],
  ): DiscordMessageState {
    const message: DiscordMessageState = {
      id: this.snowflake(),
      channel_id: channel,
      content: body.content ?? "",
      embeds: body.embeds ?? [],
      components: body.components ?? [],
      attachments: this.attachmentsOf(body, files, []),
      flags: ephemeral ? EPHEMERAL : 0,
      audience: ephemeral ? "member" : "channel",
      via,
      deleted: false,
    };
    this.messages.push(message);
    return message;
  }

  /** A message the bot's tests made before the API saw it (the one a clicked button is on). */
  private known(id: string, channel: string): DiscordMessageState {
    const found = this.messages.find((m) => m.id === id);
    if (found) return found;
    const message: DiscordMessageState = {
      id,
      channel_id: channel,
      content: "",
      embeds: [],
      components: [],
      attachments: [],
      flags: 0,
      audience: "channel",
      via: "channel",
      deleted: false,
    };
    this.messages.push(message);
    return message;
  }

  /**
   * The attachments a message has after a request: its `attachments` list names the ones it keeps
   * (by their ids) and the new uploads (by the index of their `files[n]` part); without the list, new
   * uploads are added to the ones it had.
   */
  private attachmentsOf(body: MessageBody, files: RecordedFile[], had: Attachment[]): Attachment[] {
    const uploaded = (entry: AttachmentEntry | undefined, file: RecordedFile): Attachment => ({
      id: this.snowflake(),
      filename: entry?.filename ?? file.name,
      content_type: file.contentType,
      size: file.bytes.length,
      ...(entry?.description ? { description: entry.description } : {}),
      bytes: file.bytes,
    });
    if (!body.attachments) return [...had, ...files.map((f) => uploaded(undefined, f))];
    return body.attachments.flatMap((entry) => {
      const file = files.find((f) => f.field === `files[${entry.id}]`);
      if (file) return [uploaded(entry, file)];
      const kept = had.find((a) => a.id === String(entry.id));
      return kept ? [kept] : [];
    });
  }

  /** Discord's edit: the fields it carries replace the old ones, the rest stay. */
  private edit(message: DiscordMessageState, body: MessageBody, files: RecordedFile[] = []): void {
    if (body.content !== undefined) message.content = body.content;
    if (body.embeds !== undefined) message.embeds = body.embeds;
    if (body.components !== undefined) message.components = body.components;
    if (body.attachments !== undefined || files.length > 0)
      message.attachments = this.attachmentsOf(body, files, message.attachments);
  }

  private answer(
    req: Recorded,
    message: DiscordMessageState,
    kind: Effect["kind"],
    status = 200,
  ): { status: number; body: unknown } {
    this.effects.set(req, { kind, audience: message.audience, message });
    return { status, body: publicView(message) };
  }

  /** The interaction a webhook call names, or Discord's refusal of the call. */
  private webhookOf(req: Recorded, token: string): InteractionState | Reply {
    const i = this.interactions.get(token);
    if (i && this.now() - i.createdAt >= TOKEN_LIFETIME_MS)
      return refusal(401, 50027, "Invalid Webhook Token");
    // The lag is the transport's, so it runs on the wall clock whatever the stand-in's clock says.
    if (!i?.response || Date.now() < i.response.wallAt + this.webhookLagMs)
      return refusal(404, 10015, "Unknown Webhook");
    return i;
  }

  private webhookMessage(i: InteractionState, which: string): DiscordMessageState | undefined {
    const found = which === "@original" ? i.original : i.followUps.get(which);
    return found && !found.deleted ? found : undefined;
  }

  private mountRoutes(): void {
    const m = (method: string, re: RegExp, reply: (req: Recorded, match: RegExpExecArray) => Reply) =>
      this.on((req) => {
        const match = re.exec(req.path);
        if (req.method !== method || !match) return undefined;
        const answer = reply(req, match);
        this.count(answer.status, req.path);
        return answer;
      });
    const isState = (x: InteractionState | Reply): x is InteractionState => "createdAt" in x;

    m("POST", /^\/api\/v10\/interactions\/(\d+)\/([^/]+)\/callback$/, (req, [, , token = ""]) => {
      const answer = this.respond(token, req.body as InitialResponse, req.files);
      const i = this.interactions.get(token);
      if (answer.status === NO_CONTENT.status && i?.original && i.response?.type !== 6)
        this.effects.set(req, {
          kind: i.response?.type === 7 ? "update" : "message",
          audience: i.original.audience,
          message: i.original,
        });
      return answer;
    });

    m("POST", /^\/api\/v10\/webhooks\/(\d+)\/([^/]+)$/, (req, [, , token = ""]) => {
      const i = this.webhookOf(req, token);
      if (!isState(i)) return i;
      const body = (req.body ?? {}) as MessageBody;
      const problem = uploadProblem(body, req.files);
      if (problem) return problem;
      if (i.response?.type === 5 && i.loading) {
        // Straight after a deferral a follow-up edits the deferred message; its flags do not count.
        if (!i.original || i.original.deleted) return refusal(404, 10008, "Unknown Message");
        i.loading = false;
        this.edit(i.original, body, req.files);
        return this.answer(req, i.original, "message");
      }
      const sent = this.create(
        i.channel,
        body,
        ((body.flags ?? 0) & EPHEMERAL) !== 0,
        "interaction",
        req.files,
      );
      i.followUps.set(sent.id, sent);
      return this.answer(req, sent, "message");
    });

    const webhookMessageRoute = /^\/api\/v10\/webhooks\/(\d+)\/([^/]+)\/messages\/([^/]+)$/;
    m("GET", webhookMessageRoute, (req, [, , token = "", which = ""]) => {
      const i = this.webhookOf(req, token);
      if (!isState(i)) return i;
      const message = this.webhookMessage(i, which);
      return message ? { status: 200, body: publicView(message) } : refusal(404, 10008, "Unknown Message");
    });
    m("PATCH", webhookMessageRoute, (req, [, , token = "", which = ""]) => {
      const i = this.webhookOf(req, token);
      if (!isState(i)) return i;
      const message =
        this.webhookMessage(i, which) ??
        (which === i.original?.id && !i.original.deleted ? i.original : undefined);
      if (!message) return refusal(404, 10008, "Unknown Message");
      const problem = uploadProblem((req.body ?? {}) as MessageBody, req.files);
      if (problem) return problem;
      // Editing a "thinking" deferral shows the answer for the first time.
      const answersDeferral = message === i.original && i.loading === true;
      if (message === i.original) i.loading = false;
      this.edit(message, (req.body ?? {}) as MessageBody, req.files);
      return this.answer(req, message, answersDeferral ? "message" : "update");
    });
    m("DELETE", webhookMessageRoute, (req, [, , token = "", which = ""]) => {
      const i = this.webhookOf(req, token);
      if (!isState(i)) return i;
      const message = this.webhookMessage(i, which);
      if (!message) return refusal(404, 10008, "Unknown Message");
      message.deleted = true;
      return NO_CONTENT;
    });

    m("POST", /^\/api\/v10\/users\/@me\/channels$/, (req) => {
      const recipient = (req.body as { recipient_id?: unknown } | undefined)?.recipient_id;
      if (typeof recipient !== "string" || !/^\d+$/.test(recipient))
        return { status: 400, body: { message: "Invalid Form Body", code: 50035 } };
      const known = [...this.dmChannels].find(([, member]) => member === recipient)?.[0];
      const id = known ?? this.snowflake();
      this.dmChannels.set(id, recipient);
      return { status: 200, body: { id, type: 1, recipients: [{ id: recipient }] } };
    });
    m("POST", /^\/api\/v10\/channels\/(\d+)\/messages$/, (req, [, channel = ""]) => {
      const member = this.dmChannels.get(channel);
      if (member && this.closedDms.has(member))
        return refusal(403, 50007, "Cannot send messages to this user");
      const body = (req.body ?? {}) as MessageBody;
      const problem = uploadProblem(body, req.files);
      if (problem) return problem;
      const message = this.create(channel, body, false, "channel", req.files);
      if (member) message.audience = "direct";
      return this.answer(req, message, "message");
    });
    m("PATCH", /^\/api\/v10\/channels\/(\d+)\/messages\/(\d+)$/, (req, [, channel = "", id = ""]) => {
      const message = this.messages.find((x) => x.id === id && x.channel_id === channel && !x.deleted);
      // Ephemeral messages belong to their interaction: the channel does not know them.
      if (!message || message.audience === "member") return refusal(404, 10008, "Unknown Message");
      const problem = uploadProblem((req.body ?? {}) as MessageBody, req.files);
      if (problem) return problem;
      this.edit(message, (req.body ?? {}) as MessageBody, req.files);
      return this.answer(req, message, "update");
    });
    m("POST", /^\/api\/v10\/channels\/(\d+)\/messages\/(\d+)\/threads$/, () => ({
      status: 201,
      body: { id: this.snowflake(), type: 11 },
    }));
    // The CDN: an attachment's bytes, with their length and type.
    this.on((req) => {
      const match = /^\/attachments\/(\d+)\/([^/]+)$/.exec(req.path);
      if (req.method !== "GET" || !match) return undefined;
      const upload = this.uploads.get(match[1] ?? "");
      if (!upload || upload.filename !== match[2]) return { status: 404, body: { message: "Not Found" } };
      return {
        status: 200,
        headers: { "content-type": upload.contentType ?? "application/octet-stream" },
        raw: upload.bytes,
      };
    });
    m("GET", /^\/api\/v10\/applications\/@me$/, () => ({ status: 200, body: { id: "4242" } }));
    m("PUT", /^\/api\/v10\/applications\/(\d+)(\/guilds\/\d+)?\/commands$/, (req) => ({
      status: 200,
      body: req.body,
    }));
  }
}

const EPHEMERAL = 64;
/** Discord's 204: no body, so no JSON content type either. */
const NO_CONTENT: Reply = { status: 204, headers: { "content-type": "text/plain" } };
const DISCORD_EPOCH = 1420070400000n;
/** How long an interaction's token lasts. */
export const TOKEN_LIFETIME_MS = 15 * 60_000;
/** How long Discord waits for an interaction's initial response. */
const RESPONSE_WINDOW_MS = 3000;

/** Everyone in the channel, the member of an interaction alone (ephemeral), or a member's DM. */
type Audience = "channel" | "member" | "direct";

interface AttachmentEntry {
  id: number | string;
  filename?: string;
  description?: string;
}

interface MessageBody {
  content?: string;
  embeds?: unknown[];
  components?: unknown[];
  attachments?: AttachmentEntry[];
  flags?: number;
}

/** An attachment as Discord's message object shows it, with the bytes the stand-in received. */
export interface Attachment {
  id: string;
  filename: string;
  content_type: string;
  size: number;
  description?: string;
  bytes: Buffer;
}

/** Discord's default upload limits (Uploading Files): 10 files, 10 MiB a request. */
export const UPLOAD_LIMITS = { files: 10, bytes: 10 * 1024 * 1024, description: 1024 } as const;

/** Discord's refusal of a request's files, or undefined when they are as Uploading Files says. */
function uploadProblem(body: MessageBody, files: RecordedFile[] = []): Reply | undefined {
  const invalid = (why: string) => ({
    status: 400,
    body: { message: "Invalid Form Body", code: 50035, errors: { attachments: { _errors: [why] } } },
  });
  if (files.length > UPLOAD_LIMITS.files)
    return invalid(`${files.length} files is over ${UPLOAD_LIMITS.files}`);
  const bytes = files.reduce((n, f) => n + f.bytes.length, 0);
  if (bytes > UPLOAD_LIMITS.bytes) return refusal(413, 40005, "Request entity too large");
  const entries = body.attachments ?? [];
  for (const file of files) {
    const n = /^files\[(\d+)\]$/.exec(file.field)?.[1];
    if (n === undefined) return invalid(`a file part named "${file.field}", not files[n]`);
    if (entries.length > 0 && !entries.some((e) => String(e.id) === n))
      return invalid(`files[${n}] has no attachments entry with id ${n}`);
  }
  for (const entry of entries) {
    if ((entry.description?.length ?? 0) > UPLOAD_LIMITS.description)
      return invalid(`a description over ${UPLOAD_LIMITS.description} characters`);
    // An entry with a filename is a new upload, which needs its part.
    if (entry.filename !== undefined && !files.some((f) => f.field === `files[${String(entry.id)}]`))
      return invalid(`attachment ${String(entry.id)} has no files[${String(entry.id)}] part`);
  }
  return undefined;
}

export interface InitialResponse {
  type: number;
  data?: MessageBody & Record<string, unknown>;
}

export interface DiscordMessageState {
  id: string;
  channel_id: string;
  content: string;
  embeds: unknown[];
  components: unknown[];
  attachments: Attachment[];
  flags: number;
  /** Everyone in the channel, or the member of the interaction alone (ephemeral). */
  audience: Audience;
  /** Made through an interaction (its response or a follow-up) or posted to the channel. */
  via: "interaction" | "channel";
  deleted: boolean;
}

export interface InteractionState {
  id: string;
  type: number;
  channel: string;
  createdAt: number;
  /** The message a button is on, for component interactions. */
  componentMessage?: string;
  response?: { type: number; flags: number; at: number; wallAt: number };
  /** The response's message (or, for a button, the message it is on). */
  original?: DiscordMessageState;
  /** A type-5 deferral still showing "thinking". */
  loading?: boolean;
  followUps: Map<string, DiscordMessageState>;
}

/** What a call showed: a new message or an edit, to whom, and the message as it is now. */
export interface Effect {
  kind: "message" | "update";
  audience: Audience;
  message: DiscordMessageState;
}

function publicView(m: DiscordMessageState) {
  return {
    id: m.id,
    channel_id: m.channel_id,
    content: m.content,
    embeds: m.embeds,
    components: m.components,
    attachments: m.attachments.map(({ bytes: _bytes, ...a }) => a),
    flags: m.flags,
  };
}

function refusal(status: number, code: number, message: string): Reply {
  return { status, body: { message, code } };
}

/** A stand-in for Discord's REST API, strict as its documentation; see DiscordStandIn. */
export function discordStandIn(clock?: () => number): DiscordStandIn {
  return new DiscordStandIn(clock);
}

/** A Discord rate-limit answer: status 429 with retry_after in the body and headers. */
export function discordRateLimit(seconds: number) {
  return {
    status: 429,
    headers: {
      "retry-after": String(seconds),
      "x-ratelimit-scope": "user",
      "x-ratelimit-limit": "5",
      "x-ratelimit-remaining": "0",
      "x-ratelimit-reset-after": String(seconds),
      "x-ratelimit-bucket": "test-bucket",
    },
    body: { message: "You are being rate limited.", retry_after: seconds, global: false },
  };
}
