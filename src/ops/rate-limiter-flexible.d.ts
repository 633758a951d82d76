/**
 * rate-limiter-flexible's own modules, imported one by one: its index loads a limiter for every store
 * it supports (Mongo, MySQL, Postgres, DynamoDB, Prisma, Drizzle, etc.), of which the bot uses two.
 * Each module's export is the class of the same name in the package's types.
 */
declare module "rate-limiter-flexible/lib/RateLimiterRedis.js" {
  import type { RateLimiterRedis } from "rate-limiter-flexible";

  const RateLimiterRedisClass: typeof RateLimiterRedis;
  export default RateLimiterRedisClass;
}

declare module "rate-limiter-flexible/lib/RateLimiterMemory.js" {
  import type { RateLimiterMemory } from "rate-limiter-flexible";

  const RateLimiterMemoryClass: typeof RateLimiterMemory;
  export default RateLimiterMemoryClass;
}

declare module "rate-limiter-flexible/lib/RateLimiterRes.js" {
  import type { RateLimiterRes } from "rate-limiter-flexible";

  const RateLimiterResClass: typeof RateLimiterRes;
  export default RateLimiterResClass;
}
