import { z } from "zod";
import { envVar } from "../../platform/env.ts";

/** Discord's environment variables; see .env.example. */
export const discordConfig = z.object({
  DISCORD_TOKEN: envVar(z.string().min(20, "must be the bot token from the Developer Portal").optional()),
  DISCORD_TRANSPORT: envVar(z.enum(["gateway", "http"]).default("gateway")),
  DISCORD_PUBLIC_KEY: envVar(
    z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, "must be the 64-character hex public key of the application")
      .optional(),
  ),
  DISCORD_APPLICATION_ID: envVar(z.string().regex(/^\d+$/, "must be a numeric id").optional()),
  DISCORD_GUILD_ID: envVar(z.string().regex(/^\d+$/, "must be a numeric id").optional()),
  DISCORD_SHARDS: envVar(
    z.union([z.literal("auto"), z.coerce.number().int().min(1).max(1000)]).default("auto"),
  ),
  DISCORD_API_URL: envVar(z.url().default("https://discord.com/api")),
  DISCORD_GLOBAL_RATE: envVar(
    z.coerce
      .number()
      .int("must be a whole number of requests per second")
      .min(1, "must be at least 1 request per second")
      .max(100_000, "must be at most 100000 requests per second")
      .default(50),
  ),
});

export type DiscordConfig = z.output<typeof discordConfig>;

/** A problem between Discord's variables, or undefined. */
export function discordConfigProblem(config: DiscordConfig): string | undefined {
  if (config.DISCORD_TOKEN && config.DISCORD_TRANSPORT === "http" && !config.DISCORD_PUBLIC_KEY) {
    return "DISCORD_PUBLIC_KEY is required when DISCORD_TRANSPORT=http";
  }
  return undefined;
}
