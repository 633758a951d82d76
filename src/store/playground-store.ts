import { freePort } from "./free-port.ts";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import type { ScoringRule } from "../domain/scoring.ts";
import { createEmbeddedRedis } from "./embedded-redis.ts";
import { connectRedis, type RedisClient } from "./redis-client.ts";
import { RedisStore } from "./redis-store.ts";

export interface PlaygroundStoreOptions {
  /** Tried first: a Redis that answers here is used as it is. */
  redisUrl: string;
  prefix: string;
  scoring: ScoringRule;
  /** The folder for the private redis-server's data (a redis/ folder inside it), created when needed. */
  dataDir: string;
  /** How long to wait for Redis at redisUrl. */
  connectTimeoutMs?: number;
}

export interface PlaygroundStore {
  store: RedisStore;
  /** redis: the Redis at REDIS_URL; private: a redis-server of the playground's own; embedded: in-process. */
  mode: "redis" | "private" | "embedded";
  /** What the playground uses, for its start line ("Using …"). */
  description: string;
  /** Closes the store and stops a private redis-server (its data stays on disk). */
  close(): Promise<void>;
}

/**
 * The store of the terminal playground, which must run on a fresh machine: the Redis at REDIS_URL
 * when it answers; else a private redis-server on a free port, with its data in `dataDir` so the
 * playground remembers between runs, stopped when the playground quits; else, with no redis-server
 * installed, an embedded in-process engine that runs the same commands and Lua scripts (and keeps
 * nothing). All three are the one RedisStore.
 */
export async function openPlaygroundStore(options: PlaygroundStoreOptions): Promise<PlaygroundStore> {
  // The embedded engine's TIME is off by up to a second (its microseconds are not the clock's), and
  // it serves one process anyway: it times quiz rounds by the playground's own clock.
  const storeOn = (client: RedisClient, clock: "redis" | "caller" = "redis") =>
    new RedisStore(client, { prefix: options.prefix, scoring: options.scoring, clock });
  const url = withoutPassword(options.redisUrl);

  const redis = await connectRedis(options.redisUrl, options.connectTimeoutMs);
  if (redis) {
    const store = storeOn(redis);
    return { store, mode: "redis", description: `Redis at ${url}`, close: () => store.close() };
  }

  const dir = resolve(options.dataDir, "redis");
  const server = await startPrivateRedis(dir);
  if (server.kind === "started") {
    const store = storeOn(server.client);
    const inside = relative(process.cwd(), dir);
    const shown = inside && !inside.startsWith("..") && !isAbsolute(inside) ? inside : dir;
    return {
      store,
      mode: "private",
      description: `a private redis-server on port ${server.port} (no Redis answered at ${url}), keeping its data in ${shown} between runs`,
      close: async () => {
        await store.close();
        await server.stop();
      },
    };
  }

  const store = storeOn(createEmbeddedRedis(), "caller");
  const why =
    server.kind === "missing"
      ? "no redis-server is installed"
      : `the private redis-server did not start: ${server.reason}`;
  return {
    store,
    mode: "embedded",
    description: `the embedded Redis engine (no Redis answered at ${url}, and ${why}; nothing is kept after you quit)`,
    close: () => store.close(),
  };
}

/** The URL to show, without a password in it. */
function withoutPassword(url: string): string {
  return url.replace(/\/\/([^@/]*)@/, "//***@");
}

type PrivateRedis =
  | { kind: "started"; client: RedisClient; port: number; stop(): Promise<void> }
  | { kind: "missing" }
  | { kind: "failed"; reason: string };

/** The port file: where a private server said it listens, so the next run can find one left behind. */
const PORT_FILE = "port";
const START_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 10_000;

/**
 * Starts redis-server on a free local port with its data (append-only file) in `dir`. "missing"
 * when no redis-server is on PATH.
 */
async function startPrivateRedis(dir: string): Promise<PrivateRedis> {
  mkdirSync(dir, { recursive: true });
  // A server left running by a playground that was killed would share the data folder with a new
  // one: stop it first (it writes its data out as it stops).
  await stopLeftover(dir);
  const port = await freePort();
  let child: ChildProcess;
  try {
    child = await spawned(
      spawn(
        "redis-server",
        [
          "--port",
          String(port),
          "--bind",
          "127.0.0.1",
          "--dir",
          dir,
          "--appendonly",
          "yes",
          "--save",
          "",
          "--logfile",
          "redis.log",
        ],
        { cwd: dir, stdio: "ignore" },
      ),
    );
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { kind: "missing" };
    return { kind: "failed", reason: (err as Error).message };
  }
  child.on("error", () => {});
  const running = () => child.exitCode === null && child.signalCode === null;
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  // If the playground ends without closing (an uncaught error), the server goes with it.
  const onExit = () => child.kill("SIGTERM");
  process.once("exit", onExit);
  const stop = async () => {
    process.off("exit", onExit);
    if (!running()) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };

  const url = `redis://127.0.0.1:${port}`;
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline && running()) {
    const client = await connectRedis(url, 500);
    if (client) {
      writeFileSync(join(dir, PORT_FILE), `${port}\n`);
      return { kind: "started", client, port, stop };
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const what = running()
    ? `it did not answer on port ${port} within ${START_TIMEOUT_MS / 1000} s`
    : `it stopped with code ${child.exitCode ?? child.signalCode}`;
  await stop();
  return { kind: "failed", reason: `${what}; see ${join(dir, "redis.log")}` };
}

/** Resolves once the process has started, rejects when it could not (ENOENT: not on PATH). */
function spawned(child: ChildProcess): Promise<ChildProcess> {
  return new Promise((done, fail) => {
    child.once("spawn", () => done(child));
    child.once("error", fail);
  });
}

/** Shuts down a private server of this folder that an earlier run left running; leaves any other alone. */
async function stopLeftover(dir: string): Promise<void> {
  let port: number;
  try {
    port = Number(readFileSync(join(dir, PORT_FILE), "utf8").trim());
  } catch {
    return;
  }
  if (!Number.isInteger(port) || port <= 0) return;
  const client = await connectRedis(`redis://127.0.0.1:${port}`, 500);
  if (!client) return;
  try {
    const config = (await client.call("CONFIG", "GET", "dir")) as string[];
    if (config[1] !== realpathSync(dir)) return;
    await client.call("SHUTDOWN").catch(() => {});
    const deadline = Date.now() + STOP_TIMEOUT_MS;
    while (Date.now() < deadline) {
      const still = await connectRedis(`redis://127.0.0.1:${port}`, 200);
      if (!still) return;
      still.disconnect();
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    client.disconnect();
  }
}
