import { fileURLToPath } from "node:url";
import { ShardingManager } from "discord.js";
import { readConfig } from "../../config.ts";
import { platformsConfigured } from "../../start.ts";

/**
 * `npm run start:shards`: one bot process per Discord gateway shard, through discord.js's
 * ShardingManager, for bots in more than 2,500 servers. Each child reads SHARDS and SHARD_COUNT by
 * itself and gets its own PORT (PORT + shard id) for /healthz and /metrics. DISCORD_SHARDS sets the
 * number of shards (default: Discord's recommendation). Quiz rounds and daily posts coordinate through
 * the shared Redis, as with several HTTP processes.
 */
async function main(): Promise<void> {
  const config = readConfig();
  if (!config.DISCORD_TOKEN) throw new Error("Set DISCORD_TOKEN to run gateway shards.");
  const others = platformsConfigured(config).filter((p) => p.name !== "discord");
  if (others.length > 0) {
    const names = others.map((p) => p.title).join(" and ");
    throw new Error(`Run ${names} in its own process: the sharded processes serve Discord alone.`);
  }
  // Run from source by tsx in development, or compiled to dist/ in production.
  const entry = fileURLToPath(
    new URL(import.meta.url.endsWith(".ts") ? "../../main.ts" : "../../main.js", import.meta.url),
  );
  const manager = new ShardingManager(entry, {
    token: config.DISCORD_TOKEN,
    totalShards: config.DISCORD_SHARDS,
    execArgv: entry.endsWith(".ts") ? ["--import", "tsx"] : ["--enable-source-maps"],
    respawn: true,
  });
  manager.on("shardCreate", (shard) => {
    shard.env = { ...(shard.env as Record<string, string>), PORT: String(config.PORT + shard.id) };
    console.log(`shard ${shard.id} starting on port ${config.PORT + shard.id}`);
  });
  const stop = async () => {
    manager.respawn = false;
    await Promise.all(
      manager.shards.map(
        (shard) =>
          new Promise<void>((done) => {
            if (!shard.process || shard.process.exitCode !== null) return done();
            shard.process.once("exit", () => done());
            shard.process.kill("SIGTERM");
          }),
      ),
    );
    process.exit(0);
  };
  process.once("SIGTERM", () => void stop());
  process.once("SIGINT", () => void stop());
  await manager.spawn();
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
