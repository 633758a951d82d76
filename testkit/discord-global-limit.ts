import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

const CHANNEL_MESSAGES = /^\/api\/v10\/channels\/(\d+)\/messages$/;
/** Not bound to the bot's global limit, as Discord documents: interaction callbacks and webhooks. */
const INTERACTION_ENDPOINT = /^\/api\/v10\/(interactions\/\d+\/[^/]+\/callback|webhooks\/\d+\/[^/]+(\/.*)?)$/;

/**
 * A Discord REST stand-in for the daily fan-out that enforces the bot's global limit as Discord
 * does: every request but the interaction endpoints is charged to a token bucket of `perSecond`
 * tokens a second (bursts of at most `perSecond`), charged when the request arrives, and one beyond
 * it is answered 429 with retry_after in the body, Retry-After (whole seconds, rounded up) and
 * X-RateLimit-Global / -Scope headers. Channel posts are counted per channel, so lost and duplicated
 * posts show. `latencyMs` delays every answer, as the network to the real Discord would.
 */
export class RateLimitedDiscord {
  /** Accepted (200) channel posts, per channel id. */
  readonly accepted = new Map<string, number>();
  /** When each accepted channel post arrived (performance.now()). */
  readonly acceptedAt: number[] = [];
  limited = 0;
  requests = 0;
  /** Requests charged to the global limit. */
  charged = 0;
  latencyMs = 0;
  url = "";
  private tokens: number;
  private last = performance.now();
  private nextId = 5000;
  private server?: Server;

  constructor(private readonly perSecond = 50) {
    if (!Number.isFinite(perSecond) || perSecond <= 0)
      throw new Error(`the global limit must be a positive number of requests per second, got ${perSecond}`);
    this.tokens = perSecond;
  }

  reset(latencyMs = 0): void {
    this.accepted.clear();
    this.acceptedAt.length = 0;
    this.limited = 0;
    this.requests = 0;
    this.charged = 0;
    this.latencyMs = latencyMs;
    this.tokens = this.perSecond;
    this.last = performance.now();
  }

  async start(): Promise<string> {
    const server = createServer((req, res) => this.handle(req, res));
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
    const address = server.address();
    this.url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    return this.url;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Posts accepted more than once: channel → count. */
  duplicated(): Map<string, number> {
    return new Map([...this.accepted].filter(([, n]) => n > 1));
  }

  private take(): number {
    const now = performance.now();
    this.tokens = Math.min(this.perSecond, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return (1 - this.tokens) / this.perSecond;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    req.resume();
    req.on("end", () => {
      this.requests++;
      const path = (req.url ?? "/").split("?")[0] ?? "/";
      const reply = this.route(req.method ?? "GET", path);
      const send = () => {
        if (reply.body === undefined) res.writeHead(reply.status, reply.headers).end();
        else
          res
            .writeHead(reply.status, { "content-type": "application/json", ...reply.headers })
            .end(JSON.stringify(reply.body));
      };
      if (this.latencyMs > 0) setTimeout(send, this.latencyMs);
      else send();
    });
  }

  private route(
    method: string,
    path: string,
  ): { status: number; headers?: Record<string, string>; body?: unknown } {
    if (!INTERACTION_ENDPOINT.test(path)) {
      this.charged++;
      const wait = this.take();
      if (wait > 0) {
        this.limited++;
        return {
          status: 429,
          headers: {
            "retry-after": String(Math.ceil(wait)),
            "x-ratelimit-global": "true",
            "x-ratelimit-scope": "global",
          },
          body: {
            message: "You are being rate limited.",
            retry_after: Number(wait.toFixed(3)),
            global: true,
          },
        };
      }
    }
    const match = CHANNEL_MESSAGES.exec(path);
    if (method === "POST" && match) {
      const channel = match[1] ?? "";
      this.accepted.set(channel, (this.accepted.get(channel) ?? 0) + 1);
      this.acceptedAt.push(performance.now());
      return {
        status: 200,
        body: { id: String(++this.nextId), channel_id: channel, content: "", embeds: [] },
      };
    }
    if (path.endsWith("/callback") || method === "DELETE") return { status: 204 };
    return { status: 200, body: { id: String(++this.nextId), channel_id: "0", content: "", embeds: [] } };
  }
}
