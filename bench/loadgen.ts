/**
 * The load generator, in its own process (forked by bench/run.ts) so the client's work never runs on
 * the event loop of the server it measures. It also hosts the Slack stand-in that receives the
 * bot's response_url posts, as Slack would, away from the bot's process.
 */
import { Agent, request } from "node:http";
import { slackStandIn } from "../testkit/slack-api.ts";
import type { StandIn } from "../testkit/stand-in.ts";
import type {
  ArrivalResult,
  BenchRequest,
  LoadgenReply,
  LoadgenRequest,
  RunResult,
  RunSpec,
} from "./lib/protocol.ts";

let standIn: StandIn | undefined;

function send(
  agent: Agent,
  target: URL,
  req: BenchRequest,
): Promise<{ status: number; body: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const r = request(
      {
        agent,
        hostname: target.hostname,
        port: target.port,
        method: "POST",
        path: req.path,
        headers: { ...req.headers, "content-length": String(Buffer.byteLength(req.body)) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString("utf8"),
            ms: performance.now() - started,
          }),
        );
        res.on("error", reject);
      },
    );
    r.on("error", reject);
    r.end(req.body);
  });
}

async function run(spec: RunSpec): Promise<RunResult> {
  const target = new URL(spec.target);
  const agent = new Agent({ keepAlive: true, maxSockets: spec.concurrency });
  const latenciesMs = new Array<number>(spec.requests.length).fill(Number.NaN);
  const statuses: Record<string, number> = {};
  let errors = 0;
  let firstError: string | undefined;
  let matched = 0;
  let sampleBody: string | undefined;
  let next = 0;
  const startedAt = Date.now();
  const t0 = performance.now();
  // `concurrency` simulated members at a time, each sending its next request when the last one answered.
  const lane = async () => {
    while (next < spec.requests.length) {
      const i = next++;
      const req = spec.requests[i];
      if (!req) break;
      try {
        const res = await send(agent, target, req);
        latenciesMs[i] = res.ms;
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        if (spec.expect && res.body.includes(spec.expect)) matched++;
        sampleBody ??= res.body.slice(0, 300);
      } catch (err) {
        errors++;
        firstError ??= String(err);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(spec.concurrency, spec.requests.length) }, lane));
  const wallMs = performance.now() - t0;
  agent.destroy();
  return {
    latenciesMs: latenciesMs.filter((x) => Number.isFinite(x)),
    wallMs,
    startedAt,
    statuses,
    errors,
    firstError,
    matched,
    sampleBody,
  };
}

async function waitArrivals(
  prefix: string,
  count: number,
  timeoutMs: number,
  expect: string | undefined,
): Promise<ArrivalResult> {
  if (!standIn) throw new Error("the Slack stand-in is not started");
  const api = standIn;
  const deadline = Date.now() + timeoutMs;
  const matching = () => api.requests.filter((r) => r.method === "POST" && r.path.startsWith(prefix));
  let found = matching();
  while (found.length < count && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 10));
    found = matching();
  }
  return {
    arrived: found.length,
    matched: expect ? found.filter((r) => r.raw.includes(expect)).length : found.length,
    lastAt: found.reduce<number | undefined>(
      (max, r) => (max === undefined || r.at > max ? r.at : max),
      undefined,
    ),
    timedOut: found.length < count,
  };
}

async function handle(msg: LoadgenRequest): Promise<unknown> {
  switch (msg.op) {
    case "run":
      return run(msg.spec);
    case "slackStandIn":
      standIn ??= slackStandIn();
      if (!standIn.url) await standIn.start();
      return standIn.url;
    case "waitArrivals":
      return waitArrivals(msg.prefix, msg.count, msg.timeoutMs, msg.expect);
    case "clearStandIn":
      standIn?.requests.splice(0);
      return null;
    case "exit":
      await standIn?.stop();
      setImmediate(() => process.exit(0));
      return null;
  }
}

process.on("message", (msg: LoadgenRequest) => {
  handle(msg).then(
    (value) => process.send?.({ id: msg.id, ok: true, value } satisfies LoadgenReply),
    (err: unknown) => process.send?.({ id: msg.id, ok: false, error: String(err) } satisfies LoadgenReply),
  );
});
process.on("disconnect", () => process.exit(0));
