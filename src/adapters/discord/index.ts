import { REST } from "@discordjs/rest";
import type { Client } from "discord.js";
import { definePlatform, type PlatformHost } from "../../platform/descriptor.ts";
import { type DiscordConfig, discordConfig, discordConfigProblem } from "./config.ts";
import { startGateway } from "./gateway.ts";
import { discordInteractionsEndpoint } from "./http.ts";
import { CAPABILITIES, DISCORD } from "./normalize.ts";
import { DiscordOutbox } from "./outbox.ts";
import { LIMITS, limitProblems } from "./render.ts";
import { publicKeyFromHex } from "./signature.ts";

export const DISCORD_INTERACTIONS_PATH = "/discord/interactions";

/** Answers Discord counts toward its 10,000 invalid requests per 10 minutes, after which Cloudflare blocks the IP. */
const INVALID_STATUSES = new Set([401, 403, 429]);

export function discordRest(config: Pick<DiscordConfig, "DISCORD_API_URL" | "DISCORD_TOKEN">): REST {
  const rest = new REST({ api: config.DISCORD_API_URL, version: "10" });
  if (config.DISCORD_TOKEN) rest.setToken(config.DISCORD_TOKEN);
  return rest;
}

/** Connects the core to Discord over the configured transport; every call goes through DISCORD_API_URL. */
async function startDiscord(host: PlatformHost, config: DiscordConfig): Promise<{ stop(): Promise<void> }> {
  const { log, metrics } = host;
  const rest = discordRest(config);
  rest.on("rateLimited", (info) => {
    metrics.rateLimitWaits.inc({ platform: DISCORD });
    // discord.js also waits here when it paces itself ahead of a 429, which is routine.
    log.debug({ route: info.route, retryAfter: info.retryAfter }, "discord rate limit wait");
  });
  rest.on("response", (request, response) => {
    if (response.status < 400) return;
    metrics.platformErrors.inc({ platform: DISCORD, code: String(response.status) });
    if (INVALID_STATUSES.has(response.status))
      metrics.invalidRequests.inc({ platform: DISCORD, status: String(response.status) });
    log.warn({ method: request.method, route: request.route, status: response.status }, "discord api error");
  });
  host.connect(new DiscordOutbox(rest, host.now));
  const dispatch = { bot: host.bot, rest, log: log.child({ platform: DISCORD }) };
  if (config.DISCORD_TRANSPORT === "http") {
    if (!config.DISCORD_PUBLIC_KEY)
      throw new Error("DISCORD_PUBLIC_KEY is required for DISCORD_TRANSPORT=http");
    host.route(
      "POST",
      DISCORD_INTERACTIONS_PATH,
      discordInteractionsEndpoint({ ...dispatch, publicKey: publicKeyFromHex(config.DISCORD_PUBLIC_KEY) }),
    );
    return { stop: async () => {} };
  }
  if (!config.DISCORD_TOKEN) throw new Error("DISCORD_TOKEN is required for the Discord gateway");
  const client: Client = await startGateway({
    ...dispatch,
    token: config.DISCORD_TOKEN,
    apiUrl: config.DISCORD_API_URL,
  });
  return { stop: async () => void (await client.destroy()) };
}

/** Discord, over the gateway or HTTP interactions. */
export const discord = definePlatform({
  name: DISCORD,
  title: "Discord",
  config: discordConfig,
  isConfigured: (config) => Boolean(config.DISCORD_TOKEN),
  configProblem: discordConfigProblem,
  capabilities: CAPABILITIES,
  limits: { actionId: LIMITS.customId },
  limitProblems,
  start: startDiscord,
});
