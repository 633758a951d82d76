import { createHmac } from "node:crypto";
import { type Recorded, StandIn } from "./stand-in.ts";

let ts = 1_700_000_000;
const nextTs = () => `${++ts}.000100`;

function param(req: Recorded, name: string): string | undefined {
  const body = req.body as Record<string, unknown> | string;
  if (body && typeof body === "object" && name in body) return String(body[name]);
  return undefined;
}

/** A stand-in for Slack's Web API (POST /api/<method>) and for response_url, answering like Slack. */
export function slackStandIn(options: { notInChannel?: string } = {}): StandIn {
  const api = new StandIn();
  const method = (name: string, reply: (req: Recorded) => Record<string, unknown>) =>
    api.on((req) =>
      req.method === "POST" && req.path === `/api/${name}` ? { status: 200, body: reply(req) } : undefined,
    );
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
  method("chat.update", (req) => ({ ok: true, channel: param(req, "channel"), ts: param(req, "ts") }));
  method("chat.postEphemeral", (req) =>
    param(req, "channel") === options.notInChannel
      ? { ok: false, error: "not_in_channel" }
      : { ok: true, message_ts: nextTs() },
  );
  method("views.open", () => ({ ok: true, view: { id: "V1" } }));
  method("views.publish", () => ({ ok: true, view: { id: "V2" } }));
  method("users.info", (req) => ({
    ok: true,
    user: { id: param(req, "user"), is_admin: param(req, "user") === "UADMIN" },
  }));
  api.on((req) =>
    req.method === "POST" && req.path.startsWith("/response/")
      ? { status: 200, body: { ok: true } }
      : undefined,
  );
  return api;
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

/** A block_actions payload shaped like Slack's, for a button click on a bot message. */
export function blockActions(options: {
  actionId: string;
  user: string;
  team: string;
  channel: string;
  responseUrl: string;
  messageTs?: string;
  /** The thread the clicked message is in; a thread's parent has its own ts here. */
  threadTs?: string;
}) {
  const messageTs = options.messageTs ?? "1700000001.000100";
  const name = options.user.toLowerCase().replace(/^u/, "");
  return {
    type: "block_actions",
    user: { id: options.user, username: name, name, team_id: options.team },
    api_app_id: "A1",
    token: "legacy",
    container: { type: "message", message_ts: messageTs, channel_id: options.channel, is_ephemeral: false },
    trigger_id: "1.2.3",
    team: { id: options.team, domain: "t" },
    channel: { id: options.channel, name: "study" },
    message: {
      type: "message",
      ts: messageTs,
      text: "quiz",
      user: "UBOT",
      ...(options.threadTs ? { thread_ts: options.threadTs } : {}),
    },
    response_url: options.responseUrl,
    actions: [
      {
        action_id: options.actionId,
        block_id: "b1",
        text: { type: "plain_text", text: "A" },
        value: options.actionId,
        type: "button",
        action_ts: "1",
      },
    ],
  };
}
