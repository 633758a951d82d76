import { type ChildProcess, spawn } from "node:child_process";

/** The bot as its own process (`node --import tsx src/main.ts`), with its JSON log lines collected. */
export class BotProcess {
  readonly child: ChildProcess;
  logs = "";

  constructor(env: Record<string, string>) {
    this.child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      env: { ...process.env, LOG_LEVEL: "info", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child.stdout?.on("data", (chunk: Buffer) => {
      this.logs += chunk.toString();
    });
  }

  get started(): boolean {
    return this.logs.includes('"bot started"');
  }

  async waitStarted(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.started) {
      if (this.child.exitCode !== null) throw new Error(`the bot exited with code ${this.child.exitCode}`);
      if (Date.now() > deadline) throw new Error("the bot did not start in time");
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Sends a signal and resolves with the exit code. */
  stop(signal: NodeJS.Signals = "SIGTERM"): Promise<number | null> {
    if (this.child.exitCode !== null) return Promise.resolve(this.child.exitCode);
    const exited = new Promise<number | null>((resolve) => this.child.once("exit", (code) => resolve(code)));
    this.child.kill(signal);
    return exited;
  }
}
