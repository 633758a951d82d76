/**
 * The floors: bare node:http servers doing only the work an answer needs, to show what the machine
 * allows. Discord: read the body, Ed25519-verify timestamp + body, JSON.parse, one Redis call (the
 * bot's own answer script through RedisStore.answerRound), a small JSON response. Slack: read the
 * body, check the v0 HMAC, parse the form and its payload, ack, then the same Redis call and one
 * POST to response_url.
 */
import { createHmac, type KeyObject, timingSafeEqual, verify } from "node:crypto";
import { Agent, createServer, type IncomingMessage, request, type Server } from "node:http";
import { periodsAt, type Periods } from "../../src/domain/calendar.ts";
import type { RedisStore } from "../../src/store/redis-store.ts";

const LETTERS = ["A", "B", "C", "D", "E"];

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** Day, yesterday, week and month of now in UTC, computed once a minute. */
function periodsCache(): () => Periods {
  let minute = -1;
  let periods: Periods | undefined;
  return () => {
    const now = Date.now();
    const m = Math.floor(now / 60_000);
    if (!periods || m !== minute) {
      periods = periodsAt(now, "UTC");
      minute = m;
    }
    return periods;
  };
}

export async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const address = server.address();
  return `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
}

export interface Floor {
  url: string;
  close(): Promise<void>;
}

export function closer(server: Server, agent?: Agent): () => Promise<void> {
  return async () => {
    agent?.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
}

export async function startDiscordFloor(
  store: RedisStore,
  publicKey: KeyObject,
  group: string,
): Promise<Floor> {
  const periods = periodsCache();
  const floor: Floor = { url: "", close: async () => {} };
  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const signature = String(req.headers["x-signature-ed25519"] ?? "");
      const timestamp = String(req.headers["x-signature-timestamp"] ?? "");
      const fresh = Math.abs(Date.now() / 1000 - Number(timestamp)) <= 300;
      if (
        !fresh ||
        signature.length !== 128 ||
        !verify(null, Buffer.concat([Buffer.from(timestamp), body]), publicKey, Buffer.from(signature, "hex"))
      ) {
        res.writeHead(401).end();
        return;
      }
      const interaction = JSON.parse(body.toString("utf8")) as {
        data: { custom_id: string };
        member: { user: { id: string; username: string; global_name?: string } };
      };
      const [, roundId = "", choiceText] = interaction.data.custom_id.split(":");
      const choice = Number(choiceText);
      const user = interaction.member.user;
      const result = await store.answerRound(group, roundId, choice, Date.now(), {
        memberId: user.id,
        name: user.global_name ?? user.username,
        periods: periods(),
        timezone: "UTC",
      });
      const text =
        result.status === "accepted"
          ? `Your answer **${LETTERS[choice]}** is locked in. The answer is revealed when the round closes.`
          : `Not counted (${result.status}).`;
      const out = JSON.stringify({ type: 4, data: { content: text, flags: 64 } });
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(out) });
      res.end(out);
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  floor.url = await listen(server);
  floor.close = closer(server);
  return floor;
}

/** A keep-alive node:http POST of a JSON body, resolved when the answer has been read. */
export function jsonPoster(agent: Agent): (url: string, json: unknown) => Promise<void> {
  return (url, json) =>
    new Promise<void>((resolve, reject) => {
      const body = JSON.stringify(json);
      const target = new URL(url);
      const r = request(
        {
          agent,
          hostname: target.hostname,
          port: target.port,
          path: target.pathname,
          method: "POST",
          headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
        },
        (res) => {
          res.resume();
          res.on("end", () => resolve());
        },
      );
      r.on("error", reject);
      r.end(body);
    });
}

export interface SlackAction {
  user: { id: string; username?: string; name?: string };
  actions: { action_id: string }[];
  response_url: string;
}

/** What a Slack answer needs after the ack: the Redis call, then one POST to response_url. */
export function slackAnswerWork(
  store: RedisStore,
  group: string,
  post: (url: string, json: unknown) => Promise<void>,
): (payload: SlackAction) => Promise<void> {
  const periods = periodsCache();
  return async (payload) => {
    const [, roundId = "", choiceText] = (payload.actions[0]?.action_id ?? "").split(":");
    const choice = Number(choiceText);
    const result = await store.answerRound(group, roundId, choice, Date.now(), {
      memberId: payload.user.id,
      name: payload.user.username ?? payload.user.name ?? payload.user.id,
      periods: periods(),
      timezone: "UTC",
    });
    const text =
      result.status === "accepted"
        ? `Your answer *${LETTERS[choice]}* is locked in. The answer is revealed when the round closes.`
        : `Not counted (${result.status}).`;
    await post(payload.response_url, {
      response_type: "ephemeral",
      replace_original: false,
      text,
      blocks: [{ type: "section", text: { type: "mrkdwn", text } }],
    });
  };
}

export async function startSlackFloor(store: RedisStore, secret: string, group: string): Promise<Floor> {
  const agent = new Agent({ keepAlive: true });
  const answer = slackAnswerWork(store, group, jsonPoster(agent));
  const floor: Floor = { url: "", close: async () => {} };
  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const timestamp = String(req.headers["x-slack-request-timestamp"] ?? "");
      const signature = Buffer.from(String(req.headers["x-slack-signature"] ?? ""));
      const expected = Buffer.from(
        `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:`).update(body).digest("hex")}`,
      );
      const fresh = Math.abs(Date.now() / 1000 - Number(timestamp)) <= 300;
      if (!fresh || signature.length !== expected.length || !timingSafeEqual(signature, expected)) {
        res.writeHead(401).end();
        return;
      }
      const payload = JSON.parse(
        new URLSearchParams(body.toString("utf8")).get("payload") ?? "{}",
      ) as SlackAction;
      // Ack first, as Bolt does; the work follows.
      res.writeHead(200, { "content-length": 0 }).end();
      await answer(payload);
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  floor.url = await listen(server);
  floor.close = closer(server, agent);
  return floor;
}
