import type { PlatformHost, RunningPlatform } from "../../platform/descriptor.ts";
import type { DiscordConfig } from "./config.ts";
import { sharedGlobalBudget } from "./global-budget.ts";
import { discordInteractionsEndpoint } from "./http.ts";
import { DISCORD } from "./normalize.ts";
import { DiscordOutbox } from "./outbox.ts";
import { discordRest } from "./rest.ts";
import { publicKeyFromHex } from "./signature.ts";

export const DISCORD_INTERACTIONS_PATH = "/discord/interactions";

/** Answers Discord counts toward its 10,000 invalid requests per 10 minutes, after which Cloudflare blocks the IP. */
const INVALID_STATUSES = new Set([401, 403, 429]);

/**
 * Connects the core to Discord over the configured transport; every call goes through DISCORD_API_URL.
 * Loaded only when Discord is configured, and discord.js's gateway client only for DISCORD_TRANSPORT=gateway.
 */
export async function startDiscord(host: PlatformHost, config: DiscordConfig): Promise<RunningPlatform> {
  const { log, metrics } = host;
  const rest = discordRest(
    config,
    sharedGlobalBudget(host, config.DISCORD_TOKEN, config.DISCORD_GLOBAL_RATE),
  );
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
  const { startGateway } = await import("./gateway.ts");
  const client = await startGateway({
    ...dispatch,
    token: config.DISCORD_TOKEN,
    apiUrl: config.DISCORD_API_URL,
  });
  return { stop: async () => void (await client.destroy()) };
}
