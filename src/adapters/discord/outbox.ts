import type { REST } from "@discordjs/rest";
import { DiscordAPIError } from "@discordjs/rest";
import { type APIChannel, type APIMessage, Routes } from "discord-api-types/v10";
import type { DirectTarget, Message, MessageRef, Outbox, Place } from "../../core/model.ts";
import { DirectMessagesClosed, PlatformRefusal } from "../../core/errors.ts";
import { discordCall, isSpentInteractionToken } from "./errors.ts";
import { withFiles } from "./files.ts";
import { DISCORD } from "./normalize.ts";
import { renderEdit, renderMessage } from "./render.ts";
import { TOKEN_MARGIN_MS, webhookCall } from "./webhook.ts";

/** How webhook routes name an interaction's first response before its message id is known. */
export const ORIGINAL = "@original";

/** Discord's answer to a message a member does not take from the bot (DMs closed, no shared server). */
const CANNOT_MESSAGE_USER = 50007;
/** DM channels remembered per member, so a reminder is one request, not two. */
const DM_CHANNELS_KEPT = 10_000;

/** Posts and edits outside of an interaction, through Discord's REST API with the bot token. */
export class DiscordOutbox implements Outbox {
  private readonly dmChannels = new Map<string, string>();

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
   * A direct message: Create DM (POST /users/@me/channels with the recipient) gives the channel,
   * which is kept, then the message is posted there. Discord answers 50007 "Cannot send messages to
   * this user" when the member closed DMs from server members or shares no server with the bot.
   */
  async sendDirect(to: DirectTarget, message: Message): Promise<MessageRef> {
    let channel = this.dmChannels.get(to.memberId);
    if (!channel) {
      const opened = (await discordCall(() =>
        this.rest.post(Routes.userChannels(), { body: { recipient_id: to.memberId } }),
      )) as APIChannel;
      channel = opened.id;
      if (this.dmChannels.size >= DM_CHANNELS_KEPT) this.dmChannels.clear();
      this.dmChannels.set(to.memberId, channel);
    }
    const body = renderMessage(message);
    try {
      const sent = (await this.rest.post(Routes.channelMessages(channel), { body })) as APIMessage;
      return { platform: DISCORD, channel, id: sent.id };
    } catch (err) {
      if (err instanceof DiscordAPIError && err.code === CANNOT_MESSAGE_USER)
        throw new DirectMessagesClosed(`discord-${CANNOT_MESSAGE_USER}`, { cause: err });
      return discordCall(() => Promise.reject(err));
    }
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
