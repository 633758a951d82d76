import type { RawFile, REST } from "@discordjs/rest";
import { Client, Events, GatewayIntentBits } from "discord.js";
import { type APIInteractionResponse, Routes } from "discord-api-types/v10";
import type { Logger } from "pino";
import { type DispatchOptions, dispatchInteraction } from "./dispatch.ts";
import { rawInteraction } from "./normalize.ts";

export interface GatewayOptions extends DispatchOptions {
  token: string;
  apiUrl: string;
}

/**
 * The gateway transport: a discord.js client that needs no public URL. It hands the raw
 * INTERACTION_CREATE payload to the same dispatcher as the HTTP endpoint, answering through the
 * REST callback endpoint.
 */
export async function startGateway(options: GatewayOptions): Promise<Client> {
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: options.apiUrl } });
  client.on(Events.Raw, (packet: { t?: string; d?: unknown }) => {
    if (packet.t !== "INTERACTION_CREATE") return;
    handleGatewayInteraction(packet.d, options.rest, options).catch((err: unknown) =>
      options.log.error({ err }, "discord gateway interaction failed"),
    );
  });
  client.on(Events.Error, (err) => options.log.error({ err }, "discord client error"));
  client.once(Events.ClientReady, (ready) =>
    options.log.info({ user: ready.user.tag }, "discord gateway ready"),
  );
  await client.login(options.token);
  return client;
}

export async function handleGatewayInteraction(
  payload: unknown,
  rest: REST,
  options: DispatchOptions & { log: Logger },
) {
  const parsed = rawInteraction.safeParse(payload);
  if (!parsed.success) {
    options.log.warn({ issues: parsed.error.issues.slice(0, 3) }, "ignored a malformed gateway interaction");
    return;
  }
  const raw = parsed.data;
  // The callback endpoint takes multipart/form-data, so the first reply carries its files itself.
  const initial = Object.assign(
    async (response: APIInteractionResponse, files?: RawFile[]) => {
      await rest.post(Routes.interactionCallback(raw.id, raw.token), {
        body: response,
        auth: false,
        ...(files ? { files } : {}),
      });
    },
    { takesFiles: true },
  );
  await dispatchInteraction(raw, initial, options);
}
