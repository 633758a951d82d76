import { z } from "zod";
import { isValidTimeZone } from "./domain/calendar.ts";
import { type AnyPlatform, PLATFORMS } from "./platforms.ts";
import { parseRedisUrl } from "./store/redis-client.ts";

function isRedisUrl(url: string): boolean {
  if (/^redis-(sentinel|cluster):\/\//.test(url)) {
    try {
      parseRedisUrl(url);
      return true;
    } catch {
      return false;
    }
  }
  return z.url({ protocol: /^rediss?$/ }).safeParse(url).success;
}

const emptyAsUndefined = (v: unknown) => (v === "" ? undefined : v);

/** The variables of the bot itself; each platform adds its own (src/adapters/<platform>/config.ts). */
const baseSchema = z.object({
  REDIS_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .refine(
        isRedisUrl,
        "must be redis://host:6379, rediss://…, redis-sentinel://h1:26379,h2/master or redis-cluster://h1:6379,h2",
      )
      .default("redis://127.0.0.1:6379"),
  ),
  REDIS_PREFIX: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^[a-zA-Z0-9_-]+$/)
      .default("sg"),
  ),
  CONTENT_DIR: z.preprocess(emptyAsUndefined, z.string().default("content")),
  LOG_LEVEL: z.preprocess(
    emptyAsUndefined,
    z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
  ),
  DEFAULT_TIMEZONE: z.preprocess(
    emptyAsUndefined,
    z.string().refine(isValidTimeZone, "must be an IANA time zone such as Europe/Berlin").default("UTC"),
  ),
  DEFAULT_PLAN: z.preprocess(emptyAsUndefined, z.string().default("node-30-day")),
  DEFAULT_POST_TIME: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be a time of day HH:MM, like 09:00")
      .default("09:00"),
  ),
  QUIZ_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(10).max(3600).default(60)),
  PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(65535).default(3000)),
  PLAYGROUND_DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default(".playground")),
});

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void
  ? I
  : never;

/** The configuration: the bot's own variables and every registered platform's. */
export type Config = z.output<typeof baseSchema> &
  UnionToIntersection<z.output<(typeof PLATFORMS)[number]["config"]>>;

function schemaOf(platforms: readonly AnyPlatform[]): z.ZodObject {
  return baseSchema.extend(Object.assign({}, ...platforms.map((p) => p.config.shape)));
}

/** Every variable the bot reads; each is documented in .env.example (a test holds them together). */
export function configVariables(platforms: readonly AnyPlatform[] = PLATFORMS): string[] {
  return Object.keys(schemaOf(platforms).shape);
}

/** The variables of the registered platforms and the bot. */
export const CONFIG_VARIABLES = configVariables();

/**
 * Reads the environment once; a bad variable stops the bot with one line naming it. Each platform
 * checks its own variables against each other.
 */
export function readConfig(
  env: NodeJS.ProcessEnv = process.env,
  platforms: readonly AnyPlatform[] = PLATFORMS,
): Config {
  const result = schemaOf(platforms).safeParse(env);
  if (result.success) {
    const config = result.data as Config;
    for (const platform of platforms) {
      const problem = platform.configProblem(config as never);
      if (problem) throw new Error(`Invalid configuration: ${problem}`);
    }
    return config;
  }
  const issue = result.error.issues[0];
  const name = String(issue?.path[0] ?? "environment");
  throw new Error(
    `Invalid configuration: ${name} ${issue?.message ?? "is invalid"} (got ${shown(name, env[name])})`,
  );
}

/** The bad value for the error line, with secrets kept out of logs. */
function shown(name: string, value: string | undefined): string {
  if (value === undefined) return "nothing";
  if (/TOKEN|SECRET/.test(name)) return `a value of ${value.length} characters`;
  return JSON.stringify(value.replace(/\/\/([^@/]*)@/, "//***@"));
}
