import { definePlatform } from "../../platform/descriptor.ts";
import { discordConfig, discordConfigProblem } from "./config.ts";
import { CAPABILITIES, DISCORD } from "./normalize.ts";
import { LIMITS, limitProblems } from "./render.ts";

/**
 * Discord, over the gateway or HTTP interactions. The descriptor is all that loads with the registry;
 * the transport's code (and its SDK) is imported when Discord is configured and starts.
 */
export const discord = definePlatform({
  name: DISCORD,
  title: "Discord",
  config: discordConfig,
  isConfigured: (config) => Boolean(config.DISCORD_TOKEN),
  configProblem: discordConfigProblem,
  capabilities: CAPABILITIES,
  limits: { actionId: LIMITS.customId },
  limitProblems,
  start: async (host, config) => (await import("./start.ts")).startDiscord(host, config),
});
