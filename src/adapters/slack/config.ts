import { z } from "zod";
import { envVar } from "../../platform/env.ts";

/** Slack's environment variables; see .env.example. */
export const slackConfig = z.object({
  SLACK_BOT_TOKEN: envVar(z.string().startsWith("xoxb-", "must be a bot token (xoxb-…)").optional()),
  SLACK_APP_TOKEN: envVar(z.string().startsWith("xapp-", "must be an app-level token (xapp-…)").optional()),
  SLACK_SIGNING_SECRET: envVar(z.string().min(8).optional()),
  SLACK_TRANSPORT: envVar(z.enum(["socket", "http"]).default("socket")),
  SLACK_API_URL: envVar(z.url().default("https://slack.com/api/")),
  SLACK_COMMAND_PREFIX: envVar(
    z
      .string()
      .regex(/^[a-z0-9_-]{0,10}$/, "must be up to 10 lowercase letters, digits, - or _")
      .default(""),
  ),
  SLACK_UMBRELLA_COMMAND: envVar(
    z
      .string()
      .regex(/^[a-z0-9_-]{1,31}$/, "must be a command name without the slash, like study")
      .optional(),
  ),
});

export type SlackConfig = z.output<typeof slackConfig>;

/** A problem between Slack's variables, or undefined. */
export function slackConfigProblem(config: SlackConfig): string | undefined {
  if (!config.SLACK_BOT_TOKEN) return undefined;
  if (config.SLACK_TRANSPORT === "http" && !config.SLACK_SIGNING_SECRET) {
    return "SLACK_SIGNING_SECRET is required when SLACK_TRANSPORT=http";
  }
  if (config.SLACK_TRANSPORT === "socket" && !config.SLACK_APP_TOKEN) {
    return "SLACK_APP_TOKEN is required when SLACK_TRANSPORT=socket";
  }
  return undefined;
}
