import { REST, type RESTOptions } from "@discordjs/rest";
import type { DiscordConfig } from "./config.ts";

/** A REST client for DISCORD_API_URL, with the bot's token when one is set (and its shared budget). */
export function discordRest(
  config: Pick<DiscordConfig, "DISCORD_API_URL" | "DISCORD_TOKEN">,
  options: Partial<RESTOptions> = {},
): REST {
  const rest = new REST({ ...options, api: config.DISCORD_API_URL, version: "10" });
  if (config.DISCORD_TOKEN) rest.setToken(config.DISCORD_TOKEN);
  return rest;
}
