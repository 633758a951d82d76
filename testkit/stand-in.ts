import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

/** A file part of a multipart/form-data request, or the whole body of a raw upload. */
export interface RecordedFile {
  /** The form field it came in (`files[0]`), or "" for a raw body. */
  field: string;
  name: string;
  contentType: string;
  bytes: Buffer;
}

export interface Recorded {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  raw: string;
  /** The body as sent, byte for byte. */
  bytes: Buffer;
  /**
   * JSON or form fields parsed; for multipart/form-data, its `payload_json` parsed where it has one
   * (Discord), else its text fields.
   */
  body: unknown;
  /** The file parts of a multipart/form-data request. */
  files?: RecordedFile[];
  at: number;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Bytes sent as they are, instead of `body` as JSON. */
  raw?: Buffer;
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
    const bytes = Buffer.concat(chunks);
    const raw = bytes.toString("utf8");
    const url = new URL(req.url ?? "/", "http://stand-in");
    let body: unknown = raw;
    let files: RecordedFile[] | undefined;
    const type = req.headers["content-type"] ?? "";
    if (type.includes("application/json") && raw) body = JSON.parse(raw);
    else if (type.includes("application/x-www-form-urlencoded"))
      body = Object.fromEntries(new URLSearchParams(raw));
    else if (type.includes("multipart/form-data")) ({ body, files } = await readMultipart(bytes, type));
    const recorded: Recorded = {
      method: req.method ?? "GET",
      path: decodeURIComponent(url.pathname),
      query: url.searchParams,
      headers: req.headers,
      raw,
      bytes,
      body,
      ...(files ? { files } : {}),
      at: Date.now(),
    };
    this.requests.push(recorded);
    const reply = this.routes.map((r) => r(recorded)).find(Boolean) ?? {
      status: 404,
      body: { message: "Unknown route" },
    };
    const text = reply.raw ?? (reply.body === undefined ? "" : JSON.stringify(reply.body));
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

/** A multipart/form-data body, parsed by the platform's own rules (the fetch standard's parser). */
async function readMultipart(bytes: Buffer, type: string): Promise<{ body: unknown; files: RecordedFile[] }> {
  let form: FormData;
  try {
    form = await new Response(bytes, { headers: { "content-type": type } }).formData();
  } catch {
    return { body: undefined, files: [] };
  }
  const fields: Record<string, string> = {};
  const files: RecordedFile[] = [];
  for (const [field, value] of form.entries()) {
    if (typeof value === "string") fields[field] = value;
    else
      files.push({
        field,
        name: value.name,
        contentType: value.type,
        bytes: Buffer.from(await value.arrayBuffer()),
      });
  }
  const body = fields.payload_json === undefined ? fields : (JSON.parse(fields.payload_json) as unknown);
  return { body, files };
}
