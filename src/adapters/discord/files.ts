import type { RawFile } from "@discordjs/rest";
import { isInlineImage } from "../../core/files.ts";
import type { Message } from "../../core/model.ts";
import { fitText } from "../../core/text-limits.ts";
import type { DiscordMessage } from "./render.ts";

/**
 * Discord's upload limits (Uploading Files): 10 files a message, and 10 MiB a request unless the
 * server's boosts raise it, which the bot does not count on. An attachment's description (its alt
 * text) is at most 1024 characters.
 */
export const FILE_LIMITS = { bytes: 10 * 1024 * 1024, files: 10, description: 1024 } as const;

/** A message body with its files: `attachments` in the JSON, the bytes as `files[n]` form parts. */
export interface WithFiles<B> {
  body: B;
  files?: RawFile[];
}

/**
 * Adds a message's files to its rendered body: each is an entry of `attachments` whose id is its
 * index, sent as the form part `files[<id>]` (@discordjs/rest names them so and puts the JSON in
 * `payload_json`). The first picture is shown in the embed through attachment://<name>.
 */
export function withFiles<B extends DiscordMessage>(message: Message, body: B): WithFiles<B> {
  const files = message.files ?? [];
  if (files.length === 0) return { body };
  const attachments = files.map((f, id) => ({
    id,
    filename: f.name,
    description: fitText(f.alt, FILE_LIMITS.description),
  }));
  const picture = files.find(isInlineImage);
  const [embed, ...rest] = body.embeds ?? [];
  const embeds =
    embed && picture ? [{ ...embed, image: { url: `attachment://${picture.name}` } }, ...rest] : body.embeds;
  return {
    body: { ...body, ...(embeds ? { embeds } : {}), attachments },
    files: files.map((f, id) => ({
      key: `files[${id}]`,
      name: f.name,
      data: f.data,
      contentType: f.contentType,
    })),
  };
}
