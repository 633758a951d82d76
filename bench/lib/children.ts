import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type {
  ArrivalResult,
  LoadgenReply,
  LoadgenRequest,
  MemoryBotReply,
  MemoryBotRequest,
  RunResult,
  RunSpec,
} from "./protocol.ts";

type WithoutId<T> = T extends unknown ? Omit<T, "id"> : never;

/** Forks a TypeScript file of this folder with tsx's loader (resolved from this project's node_modules). */
export function forkTs(relative: string, extraExecArgv: string[] = []): ChildProcess {
  const file = fileURLToPath(new URL(relative, new URL("../", import.meta.url)));
  const tsx = import.meta.resolve("tsx");
  return fork(file, [], {
    execArgv: ["--import", tsx, ...extraExecArgv],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
}

async function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}

/** The load generator process: runs request batches and hosts the Slack stand-in. */
export class Loadgen {
  private readonly child = forkTs("loadgen.ts");
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();

  constructor() {
    this.child.on("message", (msg: LoadgenReply) => {
      const waiter = this.pending.get(msg.id);
      if (!waiter) return;
      this.pending.delete(msg.id);
      if (msg.ok) waiter.resolve(msg.value);
      else waiter.reject(new Error(`load generator: ${msg.error}`));
    });
    this.child.on("exit", (code) => {
      for (const w of this.pending.values()) w.reject(new Error(`load generator exited (${code})`));
      this.pending.clear();
    });
  }

  private call<T>(msg: WithoutId<LoadgenRequest>): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ ...msg, id } as LoadgenRequest);
    });
  }

  run(spec: RunSpec): Promise<RunResult> {
    return this.call({ op: "run", spec });
  }

  slackStandIn(): Promise<string> {
    return this.call({ op: "slackStandIn" });
  }

  waitArrivals(prefix: string, count: number, timeoutMs: number, expect?: string): Promise<ArrivalResult> {
    return this.call({ op: "waitArrivals", prefix, count, timeoutMs, expect });
  }

  clearStandIn(): Promise<void> {
    return this.call({ op: "clearStandIn" });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    await Promise.race([this.call({ op: "exit" }), new Promise((r) => setTimeout(r, 3000))]).catch(
      () => undefined,
    );
    await stopChild(this.child, 3000);
  }
}

/** The bot alone in its own process, for memory figures that include nothing but the bot. */
export class MemoryBot {
  private readonly child = forkTs("memory-bot.ts", ["--expose-gc"]);
  private readonly replies: MemoryBotReply[] = [];
  private waiter?: () => void;

  constructor() {
    this.child.on("message", (msg: MemoryBotReply) => {
      this.replies.push(msg);
      this.waiter?.();
    });
    this.child.on("exit", () => this.waiter?.());
  }

  async request<T extends MemoryBotReply["op"]>(
    msg: MemoryBotRequest,
    expect: T,
    timeoutMs = 30_000,
  ): Promise<Extract<MemoryBotReply, { op: T }>> {
    this.replies.length = 0;
    this.child.send(msg);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const reply = this.replies.shift();
      if (reply?.op === "error") throw new Error(`memory bot: ${reply.error}`);
      if (reply?.op === expect) return reply as Extract<MemoryBotReply, { op: T }>;
      if (reply) continue;
      if (this.child.exitCode !== null) throw new Error("memory bot exited");
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`memory bot did not answer ${msg.op}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.waiter = undefined;
    }
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.connected) {
      await this.request({ op: "stop" }, "stopped", 10_000).catch(() => undefined);
    }
    await stopChild(this.child, 5000);
  }
}
