import { DiscordAPIError } from "@discordjs/rest";
import { PlatformRefusal } from "../../core/errors.ts";

/** Where a call posts: in a channel, or in a thread, which takes its own permission to post in. */
export type PostingPlace = "channel" | "thread";

const THREAD_PROBLEMS: Record<string, string> = {
  "50013": "I'm missing a permission in this thread: I need Send Messages in Threads and Embed Links.",
};

const CHANNEL_PROBLEMS: Record<string, string> = {
  "10003": "I can't find this channel any more.",
  "50001": "I can't see this channel: give me the View Channel permission here.",
  "50013":
    "I'm missing a permission in this channel: I need Send Messages, Embed Links and Create Public Threads.",
  "50008":
    "I can't post messages in this kind of channel (a forum, media or voice channel): set the group up in a text channel.",
};

/** Discord's answer to a webhook call with an interaction token past its 15 minutes (or unknown). */
export function isSpentInteractionToken(err: unknown): boolean {
  return err instanceof DiscordAPIError && (err.status === 401 || err.code === 50027 || err.code === 10015);
}

/** A message or webhook Discord does not know (yet): an interaction's response may still be on its way. */
export function isUnknownMessage(err: unknown): boolean {
  return err instanceof DiscordAPIError && (err.code === 10008 || err.code === 10015);
}

/**
 * Runs a Discord REST call; answers an organizer can act on (missing access or permissions, an
 * unknown channel, a rejected token) become a PlatformRefusal with a clear message. The REST client has
 * already retried rate limits and server errors by then.
 */
export async function discordCall<T>(call: () => Promise<T>, where: PostingPlace = "channel"): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof DiscordAPIError) {
      const code = String(err.code);
      const problem = (where === "thread" ? THREAD_PROBLEMS[code] : undefined) ?? CHANNEL_PROBLEMS[code];
      if (problem) throw new PlatformRefusal(`discord-${err.code}`, problem, { cause: err });
      if (err.status === 401)
        throw new PlatformRefusal(
          "discord-401",
          "Discord rejected the bot's token. An organizer needs to reset it.",
          { cause: err },
        );
    }
    throw err;
  }
}
