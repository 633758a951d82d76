import { z } from "zod";
import { isValidTimeZone } from "./domain/calendar.ts";
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

const configSchema = z.object({
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

  DISCORD_TOKEN: z.preprocess(
    emptyAsUndefined,
    z.string().min(20, "must be the bot token from the Developer Portal").optional(),
  ),
  DISCORD_TRANSPORT: z.preprocess(emptyAsUndefined, z.enum(["gateway", "http"]).default("gateway")),
  DISCORD_PUBLIC_KEY: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, "must be the 64-character hex public key of the application")
      .optional(),
  ),
  DISCORD_APPLICATION_ID: z.preprocess(
    emptyAsUndefined,
    z.string().regex(/^\d+$/, "must be a numeric id").optional(),
  ),
  DISCORD_GUILD_ID: z.preprocess(
    emptyAsUndefined,
    z.string().regex(/^\d+$/, "must be a numeric id").optional(),
  ),
  DISCORD_SHARDS: z.preprocess(
    emptyAsUndefined,
    z.union([z.literal("auto"), z.coerce.number().int().min(1).max(1000)]).default("auto"),
  ),
  DISCORD_API_URL: z.preprocess(emptyAsUndefined, z.url().default("https://discord.com/api")),

  SLACK_BOT_TOKEN: z.preprocess(
    emptyAsUndefined,
    z.string().startsWith("xoxb-", "must be a bot token (xoxb-…)").optional(),
  ),
  SLACK_APP_TOKEN: z.preprocess(
    emptyAsUndefined,
    z.string().startsWith("xapp-", "must be an app-level token (xapp-…)").optional(),
  ),
  SLACK_SIGNING_SECRET: z.preprocess(emptyAsUndefined, z.string().min(8).optional()),
  SLACK_TRANSPORT: z.preprocess(emptyAsUndefined, z.enum(["socket", "http"]).default("socket")),
  SLACK_API_URL: z.preprocess(emptyAsUndefined, z.url().default("https://slack.com/api/")),
  SLACK_COMMAND_PREFIX: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^[a-z0-9_-]{0,10}$/, "must be up to 10 lowercase letters, digits, - or _")
      .default(""),
  ),
  SLACK_UMBRELLA_COMMAND: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^[a-z0-9_-]{1,31}$/, "must be a command name without the slash, like study")
      .optional(),
  ),
});

export type Config = z.infer<typeof configSchema>;

/** Every variable the bot reads; each is documented in .env.example (a test holds them together). */
export const CONFIG_VARIABLES = Object.keys(configSchema.shape);

/** Reads the environment once; a bad variable stops the bot with one line naming it. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = configSchema.safeParse(env);
  if (result.success) {
    const config = result.data;
    if (config.DISCORD_TOKEN && config.DISCORD_TRANSPORT === "http" && !config.DISCORD_PUBLIC_KEY) {
      throw new Error("Invalid configuration: DISCORD_PUBLIC_KEY is required when DISCORD_TRANSPORT=http");
    }
    if (config.SLACK_BOT_TOKEN && config.SLACK_TRANSPORT === "http" && !config.SLACK_SIGNING_SECRET) {
      throw new Error("Invalid configuration: SLACK_SIGNING_SECRET is required when SLACK_TRANSPORT=http");
    }
    if (config.SLACK_BOT_TOKEN && config.SLACK_TRANSPORT === "socket" && !config.SLACK_APP_TOKEN) {
      throw new Error("Invalid configuration: SLACK_APP_TOKEN is required when SLACK_TRANSPORT=socket");
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
