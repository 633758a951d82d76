import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { Redis } from "ioredis";
import { freePort } from "./redis-server.ts";

const run = promisify(execFile);

export async function until(what: string, ms: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what} within ${ms / 1000} s`);
}

/** Sends one command to a node on loopback, with no retries. */
export async function askNode(port: number, ...args: string[]): Promise<unknown> {
  const client = new Redis(port, "127.0.0.1", {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on("error", () => {});
  try {
    await client.connect();
    return await client.call(args[0] as string, ...args.slice(1));
  } finally {
    client.disconnect();
  }
}

/** Runs redis-server with exactly these arguments; resolves once it answers PING on `port`. */
export async function spawnRedis(port: number, argv: string[]): Promise<ChildProcess> {
  const child = spawn("redis-server", argv, { stdio: "ignore" });
  child.once("error", () => {});
  await until(`redis-server on port ${port} did not answer`, 10_000, async () => {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}`);
    return (await askNode(port, "PING")) === "PONG";
  });
  return child;
}

/** Starts a redis-server keeping nothing on disk, in its own folder, with these extra arguments. */
export async function startNode(dir: string, port: number, args: string[]): Promise<ChildProcess> {
  mkdirSync(dir, { recursive: true });
  return spawnRedis(port, [
    "--port",
    String(port),
    "--bind",
    "127.0.0.1",
    "--dir",
    dir,
    "--save",
    "",
    "--appendonly",
    "no",
    ...args,
  ]);
}

export async function stopNode(child: ChildProcess | undefined, signal: NodeJS.Signals = "SIGTERM") {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill(signal);
  await exited;
}

/**
 * A real Redis Cluster of three masters (no replicas) on loopback, in a temporary folder: three
 * `redis-server --cluster-enabled yes` joined by `redis-cli --cluster create`, the slots split
 * between them. Its URL is the bot's `redis-cluster://` form.
 */
export class RedisCluster {
  readonly dir = mkdtempSync(join(tmpdir(), "sg-cluster-"));
  ports: number[] = [];
  private nodes: ChildProcess[] = [];

  get url(): string {
    return `redis-cluster://${this.ports.map((p) => `127.0.0.1:${p}`).join(",")}`;
  }

  async start(): Promise<string> {
    this.ports = await Promise.all([freePort(), freePort(), freePort()]);
    this.nodes = await Promise.all(
      this.ports.map((port) =>
        startNode(join(this.dir, String(port)), port, [
          "--cluster-enabled",
          "yes",
          "--cluster-config-file",
          "nodes.conf",
          "--cluster-node-timeout",
          "2000",
        ]),
      ),
    );
    try {
      await run("redis-cli", [
        "--cluster",
        "create",
        ...this.ports.map((p) => `127.0.0.1:${p}`),
        "--cluster-replicas",
        "0",
        "--cluster-yes",
      ]);
    } catch (err) {
      await this.stop();
      const { code, stderr, stdout } = err as { code?: unknown; stderr?: string; stdout?: string };
      if (code === "ENOENT")
        throw new Error(
          "redis-cli not found: it comes with redis-server on Debian (redis-tools), Homebrew and dnf",
        );
      throw new Error(`redis-cli --cluster create failed: ${stderr || stdout || String(err)}`);
    }
    await until("the cluster did not reach cluster_state:ok", 15_000, async () => {
      const infos = await Promise.all(this.ports.map((p) => askNode(p, "CLUSTER", "INFO")));
      return infos.every((info) => String(info).includes("cluster_state:ok"));
    });
    return this.url;
  }

  async stop(): Promise<void> {
    await Promise.all(this.nodes.map((n) => stopNode(n)));
    rmSync(this.dir, { recursive: true, force: true });
  }
}
