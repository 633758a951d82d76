/** The part of ioredis-mock the embedded engine uses: it stands in for an ioredis client. */
declare module "ioredis-mock" {
  import type { Redis, RedisOptions } from "ioredis";

  const RedisMock: new (options?: RedisOptions & { data?: Record<string, unknown> }) => Redis;
  export default RedisMock;
}
