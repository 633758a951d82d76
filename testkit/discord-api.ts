import { type Recorded, StandIn } from "./stand-in.ts";

let nextId = 1000;
const id = () => String(++nextId);

function message(req: Recorded, channel = "c-unknown") {
  const body = (req.body ?? {}) as Record<string, unknown>;
  return {
    id: id(),
    channel_id: channel,
    content: body.content ?? "",
    embeds: body.embeds ?? [],
    components: body.components ?? [],
  };
}

/** A stand-in for Discord's REST API at /api/v10, answering the routes the bot uses the way Discord does. */
export function discordStandIn(): StandIn {
  const api = new StandIn();
  const m = (
    method: string,
    re: RegExp,
    reply: (req: Recorded, match: RegExpExecArray) => { status: number; body?: unknown },
  ) =>
    api.on((req) => {
      const match = re.exec(req.path);
      return req.method === method && match ? reply(req, match) : undefined;
    });
  m("POST", /^\/api\/v10\/interactions\/(\d+)\/([^/]+)\/callback$/, () => ({ status: 204 }));
  m("POST", /^\/api\/v10\/webhooks\/(\d+)\/([^/]+)$/, (req) => ({ status: 200, body: message(req) }));
  m("PATCH", /^\/api\/v10\/webhooks\/(\d+)\/([^/]+)\/messages\/(.+)$/, (req) => ({
    status: 200,
    body: message(req),
  }));
  // An interaction's first response keeps one message id, whoever asks for @original.
  const originals = new Map<string, string>();
  m("GET", /^\/api\/v10\/webhooks\/(\d+)\/([^/]+)\/messages\/(.+)$/, (req, match) => {
    const [, , token = "", which = ""] = match;
    const body = message(req);
    if (which === "@original") {
      body.id = originals.get(token) ?? body.id;
      originals.set(token, body.id);
    }
    return { status: 200, body };
  });
  m("DELETE", /^\/api\/v10\/webhooks\/(\d+)\/([^/]+)\/messages\/(.+)$/, () => ({ status: 204 }));
  m("POST", /^\/api\/v10\/channels\/(\d+)\/messages$/, (req, match) => ({
    status: 200,
    body: message(req, match[1]),
  }));
  m("PATCH", /^\/api\/v10\/channels\/(\d+)\/messages\/(\d+)$/, (req, match) => ({
    status: 200,
    body: message(req, match[1]),
  }));
  m("POST", /^\/api\/v10\/channels\/(\d+)\/messages\/(\d+)\/threads$/, () => ({
    status: 201,
    body: { id: id(), type: 11 },
  }));
  m("GET", /^\/api\/v10\/applications\/@me$/, () => ({ status: 200, body: { id: "4242" } }));
  m("PUT", /^\/api\/v10\/applications\/(\d+)(\/guilds\/\d+)?\/commands$/, (req) => ({
    status: 200,
    body: req.body,
  }));
  return api;
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
