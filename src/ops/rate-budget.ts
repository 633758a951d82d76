import type { Logger } from "pino";
// One module each (see rate-limiter-flexible.d.ts), not the package's index of every store's limiter.
import RateLimiterMemory from "rate-limiter-flexible/lib/RateLimiterMemory.js";
import RateLimiterRedis from "rate-limiter-flexible/lib/RateLimiterRedis.js";
import RateLimiterRes from "rate-limiter-flexible/lib/RateLimiterRes.js";
import type { RateBudget } from "../platform/descriptor.ts";
import type { RedisClient } from "../store/redis-client.ts";

/** How a budget of `perSecond` is cut into slices of the clock, each with whole requests. */
export interface BudgetSlices {
  /** Requests granted in one slice. */
  points: number;
  /** The slice's length in ms: `points / perSecond` seconds. */
  sliceMs: number;
}

/**
 * Slices of about a tenth of a second: a platform counting with a token bucket (Discord's global
 * limit refills continuously) then never sees more than a tenth of its budget at once, where whole
 * one-second windows would let two full seconds' worth through back to back at a window's edge.
 */
export function budgetSlices(perSecond: number): BudgetSlices {
  if (!Number.isFinite(perSecond) || perSecond <= 0)
    throw new Error(`a rate budget needs a positive number of requests per second, got ${perSecond}`);
  const points = Math.max(1, Math.round(perSecond / 10));
  return { points, sliceMs: (1000 * points) / perSecond };
}

const KEY = /^[\w.:-]{1,200}$/;

/**
 * Request budgets shared by every process of the bot through Redis (rate-limiter-flexible's
 * RateLimiterRedis): each slice of the wall clock is one counter key, so processes agree on slices as
 * far as their clocks agree (NTP keeps that to milliseconds, against slices of 100 ms). In a process,
 * callers wait in line and only the first asks Redis, once per grant and once per slice it is refused.
 * While Redis is away each process falls back to the same budget of its own (in memory).
 */
export class RedisRateBudgets {
  private readonly budgets = new Map<string, SlicedBudget>();

  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly log?: Logger,
  ) {}

  budget(key: string, perSecond: number): RateBudget {
    if (!KEY.test(key))
      throw new Error(`a rate budget's key is 1 to 200 letters, digits, "_", ".", ":" or "-": got "${key}"`);
    const slices = budgetSlices(perSecond);
    const id = `${key}@${perSecond}`;
    let budget = this.budgets.get(id);
    if (!budget) {
      const options = {
        // One hash tag per budget: all its slices live on one Cluster node, each command touches one key.
        keyPrefix: `${this.prefix}:{rate:${key}}`,
        points: slices.points,
        // Whole seconds, at least the slice: the counter only has to outlive its slice.
        duration: Math.max(1, Math.ceil(slices.sliceMs / 1000)),
      };
      const limiter = new RateLimiterRedis({
        ...options,
        storeClient: this.redis,
        insuranceLimiter: new RateLimiterMemory(options),
      });
      budget = new SlicedBudget(limiter, slices.sliceMs, this.log?.child({ rateBudget: key }));
      this.budgets.set(id, budget);
    }
    return budget;
  }
}

class SlicedBudget implements RateBudget {
  private readonly waiting: (() => void)[] = [];
  private pumping = false;

  constructor(
    private readonly limiter: InstanceType<typeof RateLimiterRedis>,
    private readonly sliceMs: number,
    private readonly log?: Logger,
  ) {}

  take(): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      if (!this.pumping) void this.pump();
    });
  }

  private async pump(): Promise<void> {
    this.pumping = true;
    try {
      while (this.waiting.length > 0) {
        const slice = Math.floor(Date.now() / this.sliceMs);
        if (await this.granted(slice)) {
          this.waiting.shift()?.();
          continue;
        }
        const wait = (slice + 1) * this.sliceMs - Date.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      }
    } finally {
      this.pumping = false;
    }
  }

  private async granted(slice: number): Promise<boolean> {
    try {
      await this.limiter.consume(String(slice));
      return true;
    } catch (err) {
      if (err instanceof RateLimiterRes) return false;
      // Neither Redis nor the in-memory fallback answered: sending beats holding every request back.
      this.log?.warn({ err }, "rate budget unavailable; sending without it");
      return true;
    }
  }
}
