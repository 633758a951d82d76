import type { REST } from "@discordjs/rest";
import { type APIInteractionResponse, InteractionResponseType, MessageFlags } from "discord-api-types/v10";
import type { Logger } from "pino";
import type { BotPort } from "../../core/bot.ts";
import { shortId } from "../../core/ids.ts";
import type { InboundEvent, InboundFile } from "../../core/model.ts";
import { downloadFile } from "../../platform/download.ts";
import { CAPABILITIES, normalize, type RawAttachment, type RawInteraction } from "./normalize.ts";
import { renderChoices } from "./render.ts";
import { DEFER_AFTER_MS, type InitialSink, InteractionResponder } from "./responder.ts";

export interface DispatchOptions {
  bot: BotPort;
  rest: REST;
  log: Logger;
  deferAfterMs?: number;
  /** Waits between tries of a webhook call Discord does not know yet; the responder's own unless told. */
  webhookRetryMs?: readonly number[];
}

/**
 * Runs one interaction through the core. Both transports call this: the HTTP endpoint with a sink
 * that writes the HTTP response, the gateway with a sink that calls the REST callback endpoint.
 * Resolves once the core has finished with the event.
 */
export async function dispatchInteraction(
  raw: RawInteraction,
  initial: InitialSink,
  options: DispatchOptions,
): Promise<void> {
  const normalized = normalize(raw);
  switch (normalized.kind) {
    case "ping":
      await initial({ type: InteractionResponseType.Pong });
      return;
    case "autocomplete": {
      const choices = await options.bot.autocomplete(normalized.request);
      await initial({
        type: InteractionResponseType.ApplicationCommandAutocompleteResult,
        data: { choices: renderChoices(choices) },
      });
      return;
    }
    case "unsupported":
      options.log.warn({ reason: normalized.reason, type: raw.type }, "unsupported interaction");
      await initial({
        type: InteractionResponseType.ChannelMessageWithSource,
        data: { content: "I can't handle that kind of interaction here.", flags: MessageFlags.Ephemeral },
      });
      return;
  }
  const responder = new InteractionResponder(
    options.rest,
    {
      id: raw.id,
      applicationId: raw.application_id,
      token: raw.token,
      type: raw.type,
      channel: normalized.place.thread ?? normalized.place.channel,
    },
    initial,
    options.log,
    options.deferAfterMs ?? DEFER_AFTER_MS,
    options.webhookRetryMs,
  );
  // Written out rather than spread from a shared part: the core reads the event many times.
  const id = shortId(10);
  const { actor, place } = normalized;
  const event: InboundEvent =
    normalized.kind === "command"
      ? {
          id,
          actor,
          place,
          capabilities: CAPABILITIES,
          respond: responder,
          kind: "command",
          command: normalized.command,
          args: { kind: "named", values: normalized.values },
          files: attachedFiles(normalized.attachments),
        }
      : normalized.kind === "button"
        ? {
            id,
            actor,
            place,
            capabilities: CAPABILITIES,
            respond: responder,
            kind: "button",
            action: normalized.action,
            message: normalized.message,
          }
        : {
            id,
            actor,
            place,
            capabilities: CAPABILITIES,
            respond: responder,
            kind: "form",
            action: normalized.action,
            values: normalized.values,
          };
  await options.bot.handle(event);
  await responder.finish();
}

/** A command's attachments as files the core reads on demand, from Discord's CDN URL. */
function attachedFiles(attachments: Record<string, RawAttachment>): Record<string, InboundFile> {
  return Object.fromEntries(
    Object.entries(attachments).map(([option, a]) => [
      option,
      {
        name: a.filename,
        ...(a.content_type ? { contentType: a.content_type } : {}),
        size: a.size,
        read: (maxBytes: number) => downloadFile(a.url, { name: a.filename, maxBytes }),
      },
    ]),
  );
}

export type { APIInteractionResponse };
