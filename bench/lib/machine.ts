import { readFileSync } from "node:fs";
import { availableParallelism, totalmem } from "node:os";
import type { Redis } from "ioredis";

export interface Machine {
  cpu: string;
  cores: number;
  memory: string;
  node: string;
  redis: string;
  date: string;
}

function cpuModel(): string {
  try {
    const line = readFileSync("/proc/cpuinfo", "utf8")
      .split("\n")
      .find((l) => l.startsWith("model name"));
    return line?.split(":")[1]?.trim() ?? "unknown";
  } catch {
    return "unknown";
  }
}

export async function describeMachine(redis: Redis): Promise<Machine> {
  const info = await redis.info("server");
  const version = /redis_version:(\S+)/.exec(info)?.[1] ?? "unknown";
  return {
    cpu: cpuModel(),
    cores: availableParallelism(),
    memory: `${(totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    node: process.version,
    redis: version,
    date: new Date().toISOString(),
  };
}
