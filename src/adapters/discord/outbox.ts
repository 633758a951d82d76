import type { REST } from "@discordjs/rest";
import { type APIMessage, Routes } from "discord-api-types/v10";
import type { Message, MessageRef, Outbox, Place } from "../../core/model.ts";
import { PlatformRefusal } from "../../core/errors.ts";
import { discordCall, isSpentInteractionToken } from "./errors.ts";
import { withFiles } from "./files.ts";
import { DISCORD } from "./normalize.ts";
import { renderEdit, renderMessage } from "./render.ts";
import { TOKEN_MARGIN_MS, webhookCall } from "./webhook.ts";

/** How webhook routes name an interaction's first response before its message id is known. */
export const ORIGINAL = "@original";

/** Posts and edits outside of an interaction, through Discord's REST API with the bot token. */
export class DiscordOutbox implements Outbox {
  constructor(
    private readonly rest: REST,
    private readonly now: () => number = Date.now,
  ) {}

  async post(place: Place, message: Message): Promise<MessageRef> {
    const channel = place.thread ?? place.channel;
    const { body, files } = withFiles(message, renderMessage(message));
    const sent = (await discordCall(
      () => this.rest.post(Routes.channelMessages(channel), { body, ...(files ? { files } : {}) }),
      place.thread ? "thread" : "channel",
    )) as APIMessage;
    return { platform: DISCORD, channel, id: sent.id, ...(place.thread ? { thread: place.thread } : {}) };
  }

  /**
   * Messages sent as interaction responses are edited through their webhook while its token lasts
   * (15 minutes), then through the channel with the bot token; others through the channel. A token
   * known to be past its time is not tried: Discord would answer 401, an invalid request.
   */
  async edit(ref: MessageRef, message: Message): Promise<void> {
    const body = renderEdit(message);
    const { applicationId, token, expiresAt } = ref.extra ?? {};
    const spent = expiresAt !== undefined && this.now() >= Number(expiresAt) - TOKEN_MARGIN_MS;
    if (applicationId && token && !spent) {
      try {
        await webhookCall(() =>
          this.rest.patch(Routes.webhookMessage(applicationId, token, ref.id), { body, auth: false }),
        );
        return;
      } catch (err) {
        if (ref.id === ORIGINAL || !isSpentInteractionToken(err)) throw err;
      }
    }
    if (ref.id === ORIGINAL) {
      throw new PlatformRefusal(
        "discord-token-expired",
        "This message can no longer be edited: Discord's 15 minutes for it are over.",
      );
    }
    await discordCall(() => this.rest.patch(Routes.channelMessage(ref.channel, ref.id), { body }));
  }
}
