/**
 * The bot alone in its own process (forked by bench/run.ts with --expose-gc), so its memory figures
 * hold nothing of the load generator, the stand-ins or the floor servers.
 */
import type { RunningBot } from "../src/start.ts";
import type { MemoryBotReply, MemoryBotRequest, MemorySample } from "./lib/protocol.ts";

let bot: RunningBot | undefined;

function sample(gc: boolean): MemorySample {
  if (gc) (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external };
}

const reply = (msg: MemoryBotReply) => process.send?.(msg);

process.on("message", (msg: MemoryBotRequest) => {
  void (async () => {
    try {
      switch (msg.op) {
        case "start": {
          // Node with tsx's loader and nothing of the bot yet: the bot's modules are imported below.
          const baseline = sample(false);
          const { default: pino } = await import("pino");
          const { readConfig } = await import("../src/config.ts");
          const { startBot } = await import("../src/start.ts");
          const log = pino({ level: "info" }, pino.destination({ dest: "/dev/null", sync: true }));
          bot = await startBot(readConfig(msg.env), log);
          // Let start-up garbage settle the way an idle process would before the first sample.
          await new Promise((r) => setTimeout(r, 500));
          reply({ op: "started", port: bot.port, baseline, memory: sample(false) });
          return;
        }
        case "memory":
          reply({ op: "memory", memory: sample(msg.gc) });
          return;
        case "stop":
          await bot?.stop();
          bot = undefined;
          reply({ op: "stopped" });
          setImmediate(() => process.exit(0));
          return;
      }
    } catch (err) {
      reply({ op: "error", error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    }
  })();
});
process.on("disconnect", () => {
  void (bot?.stop() ?? Promise.resolve()).finally(() => process.exit(0));
});
