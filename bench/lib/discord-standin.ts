import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

const CHANNEL_MESSAGES = /^\/api\/v10\/channels\/(\d+)\/messages$/;

/**
 * A Discord REST stand-in for the daily fan-out. It enforces a global limit on
 * POST /channels/:id/messages with a token bucket (`perSecond` tokens a second, bursts of at most
 * `perSecond`) and answers beyond it the way Discord answers a global limit: 429 with retry_after
 * in the body, Retry-After (whole seconds, rounded up) and X-RateLimit-Global / -Scope headers.
 * Everything else the bot may call is answered at once. `latencyMs` delays every answer, as the
 * network to the real Discord would (the bucket is charged when the request arrives).
 */
export class RateLimitedDiscord {
  /** Accepted (200) channel posts, per channel id. */
  readonly accepted = new Map<string, number>();
  limited = 0;
  requests = 0;
  latencyMs = 0;
  url = "";
  private tokens: number;
  private last = performance.now();
  private nextId = 5000;
  private server?: Server;

  constructor(private readonly perSecond = 50) {
    this.tokens = perSecond;
  }

  reset(latencyMs = 0): void {
    this.accepted.clear();
    this.limited = 0;
    this.requests = 0;
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
        const text = reply.body === undefined ? "" : JSON.stringify(reply.body);
        res.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
        res.end(text);
      };
      if (this.latencyMs > 0) setTimeout(send, this.latencyMs);
      else send();
    });
  }

  private route(
    method: string,
    path: string,
  ): { status: number; headers?: Record<string, string>; body?: unknown } {
    const match = CHANNEL_MESSAGES.exec(path);
    if (method === "POST" && match) {
      const channel = match[1] ?? "";
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
      this.accepted.set(channel, (this.accepted.get(channel) ?? 0) + 1);
      return {
        status: 200,
        body: { id: String(++this.nextId), channel_id: channel, content: "", embeds: [] },
      };
    }
    if (/\/interactions\/\d+\/[^/]+\/callback$/.test(path) || method === "DELETE") return { status: 204 };
    return { status: 200, body: { id: String(++this.nextId), channel_id: "0", content: "", embeds: [] } };
  }
}
