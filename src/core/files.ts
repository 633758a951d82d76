import { z } from "zod";
import type { Block, Capabilities, FilePart, Message } from "./model.ts";

/** Picture types every platform shows inline (Slack's image blocks take no others). */
const INLINE_IMAGES = new Set(["image/png", "image/jpeg", "image/gif"]);

const fileSchema = z.object({
  name: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[A-Za-z0-9_-][A-Za-z0-9._-]*$/, "letters, digits, '.', '-' and '_' only"),
  contentType: z.string().regex(/^[a-z]+\/[a-z0-9.+-]+(;.*)?$/, "a media type such as image/png"),
  data: z.instanceof(Uint8Array),
  alt: z.string().min(1).max(1000),
  fallback: z.string().trim().min(1, "every file needs a text fallback"),
});

/** A file part, its name, type, alt text and fallback checked: a mistake here is a bug, so it throws. */
export function filePart(part: FilePart): FilePart {
  const parsed = fileSchema.safeParse(part);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`file part "${part.name}": ${issue?.path.join(".") ?? ""} ${issue?.message ?? ""}`);
  }
  return part;
}

/** Whether platforms show this file inside the message (PNG, JPEG, GIF). */
export function isInlineImage(file: FilePart): boolean {
  return INLINE_IMAGES.has(file.contentType.split(";")[0]?.trim().toLowerCase() ?? "");
}

function fallbackBlocks(files: readonly FilePart[]): Block[] {
  return files.map((f) => ({ type: "text", text: f.fallback }));
}

/** The message with its files replaced by their fallback text. */
export function withoutFiles(message: Message): Message {
  if (!message.files?.length) return message;
  const { files, ...rest } = message;
  return { ...rest, blocks: [...message.blocks, ...fallbackBlocks(files)] };
}

/**
 * The message as the platform can take it: its files kept while they fit the platform's count and
 * size limits, in order, and the rest (all of them where the platform takes no files) replaced by
 * their fallback text.
 */
export function fitFiles(message: Message, capabilities: Capabilities): Message {
  const files = message.files;
  if (!files?.length) return message;
  const limits = capabilities.files;
  if (!limits) return withoutFiles(message);
  const kept: FilePart[] = [];
  const dropped: FilePart[] = [];
  let bytes = 0;
  for (const file of files) {
    if (kept.length < limits.maxFiles && bytes + file.data.byteLength <= limits.maxBytes) {
      kept.push(file);
      bytes += file.data.byteLength;
    } else {
      dropped.push(file);
    }
  }
  return {
    ...message,
    blocks: [...message.blocks, ...fallbackBlocks(dropped)],
    files: kept.length > 0 ? kept : undefined,
  };
}
