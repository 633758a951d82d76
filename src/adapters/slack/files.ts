import type { ImageBlock, KnownBlock } from "@slack/types";
import type { WebClient } from "@slack/web-api";
import { Agent, request } from "undici";
import { isInlineImage } from "../../core/files.ts";
import type { FilePart, InboundFile } from "../../core/model.ts";
import { downloadFile } from "../../platform/download.ts";
import { retryWhile } from "../../platform/retry-while.ts";
import { fitText } from "../../core/text-limits.ts";
import { FILE_LIMITS } from "./file-limits.ts";
import { slackCall, type SlackOps } from "./slack-call.ts";

const uploadAgent = new Agent({ headersTimeout: 30_000, bodyTimeout: 30_000 });

/** Where a shared file goes: a channel, a thread under one of its messages, or a direct message. */
export interface ShareTo {
  channel: string;
  thread?: string;
}

/**
 * Slack's upload flow (files.getUploadURLExternal, a POST of the bytes to the upload_url it gives,
 * then files.completeUploadExternal), for both transports alike: it runs over the Web API, not over
 * the events' connection.
 */
export class SlackFiles {
  constructor(
    private readonly client: WebClient,
    private readonly ops: SlackOps,
    /** The bot token, which url_private_download needs (files:read). */
    private readonly token?: string,
  ) {}

  /**
   * A file a member attached in a form (file_input), read when the feature asks: files.info gives
   * its url_private_download, fetched with the bot's token.
   */
  inbound(file: { id: string; name?: string; size?: number }): InboundFile {
    return {
      name: file.name ?? file.id,
      size: file.size ?? 0,
      read: async (maxBytes: number) => {
        const info = await slackCall(this.ops, "files.info", () => this.client.files.info({ file: file.id }));
        const url = info.file?.url_private_download ?? info.file?.url_private;
        const name = info.file?.name ?? file.name ?? file.id;
        if (!url) throw new Error("files.info answered without url_private_download");
        return downloadFile(url, {
          name,
          maxBytes,
          headers: this.token ? { authorization: `Bearer ${this.token}` } : {},
        });
      },
    };
  }

  /** Steps one and two: the file exists in Slack, shared nowhere until it is completed. */
  private async upload(file: FilePart): Promise<string> {
    const started = await slackCall(this.ops, "files.getUploadURLExternal", () =>
      this.client.files.getUploadURLExternal({ filename: file.name, length: file.data.byteLength }),
    );
    const { upload_url: url, file_id: id } = started;
    if (!url || !id) throw new Error("files.getUploadURLExternal answered without upload_url or file_id");
    const res = await request(url, {
      method: "POST",
      headers: { "content-type": file.contentType },
      body: file.data,
      dispatcher: uploadAgent,
    });
    const text = await res.body.text();
    if (res.statusCode !== 200)
      throw new Error(`the upload of ${file.name} answered ${res.statusCode}: ${text.slice(0, 100)}`);
    return id;
  }

  /**
   * A picture uploaded and completed without a channel: private to the bot, which may show it in an
   * image block (slack_file) of a public message, an ephemeral reply or the App Home.
   */
  async privateImage(file: FilePart): Promise<ImageBlock> {
    const id = await this.upload(file);
    await slackCall(this.ops, "files.completeUploadExternal", () =>
      this.client.files.completeUploadExternal({ files: [{ id, title: file.name }] }),
    );
    return { type: "image", slack_file: { id }, alt_text: fitText(file.alt, FILE_LIMITS.altText) };
  }

  /** Files uploaded and shared in a channel or thread, as one share. */
  async share(files: readonly FilePart[], to: ShareTo): Promise<void> {
    if (files.length === 0) return;
    const ids = [];
    for (const file of files) ids.push({ id: await this.upload(file), title: file.name });
    const [first, ...rest] = ids;
    if (!first) return;
    await slackCall(this.ops, "files.completeUploadExternal", () =>
      this.client.files.completeUploadExternal({
        files: [first, ...rest],
        channel_id: to.channel,
        ...(to.thread ? { thread_ts: to.thread } : {}),
      } as Parameters<WebClient["files"]["completeUploadExternal"]>[0]),
    );
  }

  /** Files shared with one member alone, in their direct messages with the bot (conversations.open). */
  async shareWithMember(files: readonly FilePart[], user: string): Promise<void> {
    if (files.length === 0) return;
    const opened = await slackCall(this.ops, "conversations.open", () =>
      this.client.conversations.open({ users: user }),
    );
    const channel = opened.channel?.id;
    if (!channel) throw new Error("conversations.open answered without a channel");
    await this.share(files, { channel });
  }

  /**
   * A message's pictures as image blocks of privately uploaded files, and the files that are not
   * pictures, for the caller to share where the message's audience can see them.
   */
  async pictures(files: readonly FilePart[] = []): Promise<{ images: ImageBlock[]; others: FilePart[] }> {
    const images: ImageBlock[] = [];
    for (const file of files.filter(isInlineImage)) images.push(await this.privateImage(file));
    return { images, others: files.filter((f) => !isInlineImage(f)) };
  }
}

/** Blocks with the pictures placed before the buttons, so they show above them. */
export function withImages(blocks: KnownBlock[], images: readonly ImageBlock[]): KnownBlock[] {
  if (images.length === 0) return blocks;
  const firstActions = blocks.findIndex((b) => b.type === "actions");
  const at = firstActions < 0 ? blocks.length : firstActions;
  return [...blocks.slice(0, at), ...images, ...blocks.slice(at)];
}

/**
 * Waits between tries of a message whose pictures Slack is still processing: a file completed a
 * moment ago may be refused in an image block (invalid_blocks) until Slack has made its preview.
 */
export const IMAGE_READY_WAITS_MS = [500, 1000, 2000] as const;

function isInvalidBlocks(err: unknown): boolean {
  const data = (err as { data?: { error?: unknown } } | undefined)?.data;
  return data?.error === "invalid_blocks" || (err instanceof Error && err.message.includes("invalid_blocks"));
}

/** Sends a message; one with pictures is tried again while Slack answers invalid_blocks. */
export function whileImagesProcess<T>(
  images: readonly ImageBlock[],
  send: () => Promise<T>,
  waits: readonly number[] = IMAGE_READY_WAITS_MS,
): Promise<T> {
  return retryWhile(send, waits, (err) => images.length > 0 && isInvalidBlocks(err));
}
