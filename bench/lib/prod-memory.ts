import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { readFileSync, realpathSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { testKeys } from "../../testkit/discord-client.ts";
import { BenchRedis } from "./redis-server.ts";
import { mb, median, table } from "./stats.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SETTLE_MS = 2000;

export interface ProdMemory {
  setup: string;
  /** What the figure was taken after. */
  point: string;
  /** One figure per start, in the order they ran. */
  rssBytes: number[];
  /** Of each start's RSS, the node executable's own pages (code and read-only data, ICU's included), shared. */
  binaryBytes: number[];
}

/** Starts per platform and transport: start-up work on background threads makes single figures vary. */
const STARTS = Number(process.env.BENCH_PROD_STARTS ?? 5);

/** The resident set of a process, from /proc on Linux, else from ps. */
function rssOf(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    if (match) return Number(match[1]) * 1024;
  } catch {
    // not Linux
  }
  return (
    Number(
      execFileSync("ps", ["-o", "rss=", "-p", String(pid)])
        .toString()
        .trim(),
    ) * 1024
  );
}

/**
 * The APIs a bot calls while starting: Slack's auth.test is answered; the request that opens a gateway
 * or Socket Mode connection (Discord's GET /gateway/bot, Slack's apps.connections.open) is held
 * unanswered, so start-up stops at its connect attempt and the process can be measured there.
 */
class ConnectStandIn {
  private readonly server: Server;
  readonly held: string[] = [];
  url = "";

  constructor() {
    this.server = createServer((req, res) => {
      req.resume();
      const path = req.url ?? "";
      if (path.endsWith("/auth.test")) {
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify({ ok: true, user_id: "UBOT", bot_id: "BBOT", team_id: "T1", user: "bot" }));
      } else if (path.includes("/gateway/bot") || path.endsWith("/apps.connections.open")) {
        this.held.push(path);
      } else {
        res.statusCode = 404;
        res.end("{}");
      }
    });
  }

  async start(): Promise<void> {
    await new Promise<void>((r) => this.server.listen(0, "127.0.0.1", r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((r) => this.server.close(r));
  }
}

/** The resident pages mapped from the node executable itself, from /proc on Linux (0 elsewhere). */
function binaryRssOf(pid: number): number {
  let smaps: string;
  try {
    smaps = readFileSync(`/proc/${pid}/smaps`, "utf8");
  } catch {
    return 0;
  }
  const executable = realpathSync(process.execPath);
  let inBinary = false;
  let kb = 0;
  for (const line of smaps.split("\n")) {
    const mapping = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (mapping) inBinary = mapping[1] === executable;
    else if (inBinary) kb += Number(/^Rss:\s+(\d+) kB/.exec(line)?.[1] ?? 0);
  }
  return kb * 1024;
}

async function measureStart(
  setup: string,
  env: Record<string, string>,
  until: (output: string) => boolean,
  point: string,
): Promise<{ rss: number; binary: number }> {
  const child: ChildProcess = spawn(process.execPath, ["dist/src/main.js"], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", PORT: "0", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr?.on("data", (c: Buffer) => (output += c.toString()));
  try {
    const deadline = Date.now() + 30_000;
    while (!until(output)) {
      if (child.exitCode !== null) throw new Error(`${setup}: the bot exited: ${output.slice(-500)}`);
      if (Date.now() > deadline) throw new Error(`${setup}: did not reach ${point}: ${output.slice(-500)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const pid = child.pid ?? 0;
    return { rss: rssOf(pid), binary: binaryRssOf(pid) };
  } finally {
    child.kill("SIGKILL");
    if (child.exitCode === null && child.signalCode === null) await new Promise((r) => child.once("exit", r));
  }
}

async function measureOne(
  setup: string,
  env: Record<string, string>,
  until: () => (output: string) => boolean,
  point: string,
): Promise<ProdMemory> {
  const row: ProdMemory = { setup, point, rssBytes: [], binaryBytes: [] };
  for (let i = 0; i < STARTS; i++) {
    const { rss, binary } = await measureStart(setup, env, until(), point);
    row.rssBytes.push(rss);
    row.binaryBytes.push(binary);
  }
  return row;
}

/**
 * RSS of the production build (`npm run build`, then `node dist/src/main.js`, no tsx), one process per
 * platform and transport, each with all content loaded, 2 s after its start-up is done.
 */
export async function measureProdMemory(): Promise<ProdMemory[]> {
  execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "ignore" });
  const redis = new BenchRedis();
  await redis.start();
  const api = new ConnectStandIn();
  await api.start();
  const base = { REDIS_URL: redis.url, REDIS_PREFIX: "prodmem" };
  const started = () => (o: string) => o.includes('"bot started"');
  const afterStart = '"bot started" logged';
  try {
    const discordHttp = await measureOne(
      "Discord, HTTP interactions",
      {
        ...base,
        DISCORD_TOKEN: "bench-bot-token-0123456789",
        DISCORD_TRANSPORT: "http",
        DISCORD_PUBLIC_KEY: testKeys().publicHex,
        DISCORD_API_URL: `${api.url}/api`,
      },
      started,
      afterStart,
    );
    const slackHttp = await measureOne(
      "Slack, HTTP (Events API)",
      {
        ...base,
        SLACK_BOT_TOKEN: "xoxb-bench-token",
        SLACK_TRANSPORT: "http",
        SLACK_SIGNING_SECRET: "bench-signing-secret-1234",
        SLACK_API_URL: `${api.url}/api/`,
      },
      started,
      afterStart,
    );
    // Each start's connect attempt adds one held request to those of the starts before it.
    const held = () => {
      const before = api.held.length;
      return () => api.held.length > before;
    };
    const gateway = await measureOne(
      "Discord, gateway",
      { ...base, DISCORD_TOKEN: "bench-bot-token-0123456789", DISCORD_API_URL: `${api.url}/api` },
      held,
      "discord.js's GET /gateway/bot (connect attempt; held unanswered)",
    );
    const socket = await measureOne(
      "Slack, Socket Mode",
      {
        ...base,
        SLACK_BOT_TOKEN: "xoxb-bench-token",
        SLACK_APP_TOKEN: "xapp-bench-token",
        SLACK_API_URL: `${api.url}/api/`,
      },
      held,
      "apps.connections.open (connect attempt; held unanswered)",
    );
    return [discordHttp, slackHttp, gateway, socket];
  } finally {
    await api.stop();
    await redis.stop();
  }
}

/** The target of issue 16: one platform over HTTP, after start, all content loaded. */
const TARGET_BYTES = 100 * 1024 * 1024;

export function prodMemoryReport(rows: ProdMemory[]): { stdout: string; markdown: string } {
  const t = table(
    [
      "platform, transport",
      "starts",
      "RSS, median",
      "RSS, highest",
      "every start",
      "of which node's binary",
      "measured 2 s after",
    ],
    rows.map((r) => [
      r.setup,
      String(r.rssBytes.length),
      mb(median(r.rssBytes)),
      mb(Math.max(...r.rssBytes)),
      r.rssBytes.map((b) => (b / 1024 / 1024).toFixed(1)).join(", "),
      mb(median(r.binaryBytes)),
      r.point,
    ]),
  );
  const http = rows.filter((r) => r.setup.includes("HTTP"));
  const met = http.every((r) => Math.max(...r.rssBytes) <= TARGET_BYTES);
  const verdict = `HTTP transports ≤ ${mb(TARGET_BYTES)} at every start: ${met ? "yes" : "**no**"} (load average while measuring: ${loadavg()[0]?.toFixed(2)})`;
  return {
    stdout: `Memory of the production build (node dist/src/main.js)\n${t}\n${verdict}`,
    markdown: `## Memory of the production build

\`npm run build\` (tsc, then the bot bundled by esbuild: \`scripts/bundle.ts\`), then \`node dist/src/main.js\`
(no tsx, no flags), one process per platform and transport with only that platform configured, content
loaded (in a child process that has exited by then), its own redis-server; RSS read from outside the
process (/proc, else ps), and of it the pages of the node executable itself (its code and read-only
data, ICU's time zone data included: shared by every node process on the host). Start-up of the gateway
and Socket Mode stops at the connect attempt: the stand-in holds that request unanswered. Each is
started ${STARTS} times (\`BENCH_PROD_STARTS\`), one after the other: what V8's background threads do
during start-up varies from start to start, so the target is judged on the highest figure. The bot
keeps WebAssembly (undici's HTTP parser) on V8's baseline compiler
([src/ops/wasm-tiering.ts](../src/ops/wasm-tiering.ts)): recompiling it with TurboFan took about 36 MB
on a background thread, of which glibc kept about 10 MB resident in about one start in four (then
91–92 MB, else 101–103 MB for Slack over HTTP). Once started, it runs one memory-reducing collection
([src/ops/start-up-garbage.ts](../src/ops/start-up-garbage.ts)), giving back the young generation that
loading grew: 2 to 3 MB here on Node 20, 10 to 17 MB on Node 22 and 24.

${t}

${verdict}
`,
  };
}
