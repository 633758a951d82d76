import type { ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { askNode, spawnRedis, startNode, stopNode, until } from "./redis-cluster.ts";
import { freePort } from "./redis-server.ts";

export const SENTINEL_MASTER_NAME = "sg-master";

/**
 * A master, one replica and one sentinel (quorum 1) on loopback, in a temporary folder. The
 * sentinel calls the master down after `downAfterMs` without an answer and promotes the replica.
 * Its URL is the bot's `redis-sentinel://` form.
 */
export class RedisSentinelSet {
  readonly dir = mkdtempSync(join(tmpdir(), "sg-sentinel-"));
  masterPort = 0;
  replicaPort = 0;
  sentinelPort = 0;
  private master?: ChildProcess;
  private replica?: ChildProcess;
  private sentinel?: ChildProcess;

  constructor(private readonly downAfterMs = 1000) {}

  get url(): string {
    return `redis-sentinel://127.0.0.1:${this.sentinelPort}/${SENTINEL_MASTER_NAME}`;
  }

  async start(): Promise<string> {
    [this.masterPort, this.replicaPort, this.sentinelPort] = await Promise.all([
      freePort(),
      freePort(),
      freePort(),
    ]);
    this.master = await startNode(join(this.dir, "master"), this.masterPort, []);
    this.replica = await startNode(join(this.dir, "replica"), this.replicaPort, [
      // DEBUG SLEEP stalls it in a test; Debian's build allows DEBUG only when enabled.
      "--enable-debug-command",
      "local",
      "--replicaof",
      "127.0.0.1",
      String(this.masterPort),
    ]);
    await until("the replica did not sync", 10_000, async () =>
      String(await askNode(this.replicaPort, "INFO", "replication")).includes("master_link_status:up"),
    );
    const sentinelDir = join(this.dir, "sentinel");
    mkdirSync(sentinelDir, { recursive: true });
    const config = join(sentinelDir, "sentinel.conf");
    writeFileSync(
      config,
      [
        `port ${this.sentinelPort}`,
        "bind 127.0.0.1",
        `dir ${sentinelDir}`,
        `sentinel monitor ${SENTINEL_MASTER_NAME} 127.0.0.1 ${this.masterPort} 1`,
        `sentinel down-after-milliseconds ${SENTINEL_MASTER_NAME} ${this.downAfterMs}`,
        `sentinel failover-timeout ${SENTINEL_MASTER_NAME} 10000`,
        `sentinel parallel-syncs ${SENTINEL_MASTER_NAME} 1`,
        "",
      ].join("\n"),
    );
    this.sentinel = await spawnRedis(this.sentinelPort, [config, "--sentinel"]);
    return this.url;
  }

  /** The address the sentinel names as the master now. */
  async masterAddress(): Promise<string> {
    const reply = (await askNode(
      this.sentinelPort,
      "SENTINEL",
      "GET-MASTER-ADDR-BY-NAME",
      SENTINEL_MASTER_NAME,
    )) as string[];
    return reply.join(":");
  }

  /** Resolves once the sentinel knows the replica, so it has someone to promote. */
  async waitForReplicaKnown(ms = 15_000): Promise<void> {
    await until("the sentinel did not find the replica", ms, async () => {
      const replicas = (await askNode(
        this.sentinelPort,
        "SENTINEL",
        "REPLICAS",
        SENTINEL_MASTER_NAME,
      )) as unknown[];
      return replicas.length > 0;
    });
  }

  /** Blocks the replica for `seconds` (DEBUG SLEEP), so it acknowledges no write meanwhile. */
  async stallReplica(seconds: number): Promise<void> {
    await askNode(this.replicaPort, "DEBUG", "SLEEP", String(seconds));
  }

  /** Kills the master at once (SIGKILL), as a crash would. */
  async killMaster(): Promise<void> {
    await stopNode(this.master, "SIGKILL");
  }

  /** Resolves once the sentinel names the replica as the master. */
  async waitForPromotion(ms = 15_000): Promise<void> {
    await until("the sentinel did not promote the replica", ms, async () => {
      if ((await this.masterAddress()) !== `127.0.0.1:${this.replicaPort}`) return false;
      return String(await askNode(this.replicaPort, "ROLE")).startsWith("master");
    });
  }

  async stop(): Promise<void> {
    for (const child of [this.sentinel, this.replica, this.master]) await stopNode(child);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
