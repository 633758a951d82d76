import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

export interface Recorded {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  raw: string;
  body: unknown;
  at: number;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export type Route = (req: Recorded) => Reply | undefined;

/**
 * A small local HTTP server standing in for a platform API: it records every request and answers
 * through the routes a test gives it, in order; the first route that returns a reply wins.
 */
export class StandIn {
  readonly requests: Recorded[] = [];
  private readonly routes: Route[] = [];
  private server?: Server;
  url = "";

  on(route: Route): this {
    this.routes.push(route);
    return this;
  }

  /** Answers the next request matching `match` once with the given reply, before any other route. */
  once(match: (req: Recorded) => boolean, reply: Reply): this {
    let used = false;
    this.routes.unshift((req) => {
      if (used || !match(req)) return undefined;
      used = true;
      return reply;
    });
    return this;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", () => resolve()));
    const address = this.server.address();
    this.url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    return this.url;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", "http://stand-in");
    let body: unknown = raw;
    const type = req.headers["content-type"] ?? "";
    if (type.includes("application/json") && raw) body = JSON.parse(raw);
    else if (type.includes("application/x-www-form-urlencoded"))
      body = Object.fromEntries(new URLSearchParams(raw));
    const recorded: Recorded = {
      method: req.method ?? "GET",
      path: decodeURIComponent(url.pathname),
      query: url.searchParams,
      headers: req.headers,
      raw,
      body,
      at: Date.now(),
    };
    this.requests.push(recorded);
    const reply = this.routes.map((r) => r(recorded)).find(Boolean) ?? {
      status: 404,
      body: { message: "Unknown route" },
    };
    const text = reply.body === undefined ? "" : JSON.stringify(reply.body);
    res.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
    res.end(text);
  }

  find(method: string, path: RegExp): Recorded[] {
    return this.requests.filter((r) => r.method === method && path.test(r.path));
  }

  async waitFor(
    method: string,
    path: RegExp,
    count = 1,
    timeoutMs = 5000,
    where: (r: Recorded) => boolean = () => true,
  ): Promise<Recorded[]> {
    const deadline = Date.now() + timeoutMs;
    const matching = () => this.find(method, path).filter(where);
    while (Date.now() < deadline) {
      const found = matching();
      if (found.length >= count) return found;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`stand-in saw ${matching().length} of ${count} ${method} ${path}`);
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
