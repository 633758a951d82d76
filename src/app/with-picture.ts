import type { Message } from "../core/model.ts";
import { type Picture, pictureFile } from "../pictures/render.ts";
import type { AppContext } from "./app-context.ts";

/**
 * The message with a picture drawn for it, where the platform takes files. The picture is an extra:
 * if drawing it fails, the message goes out alone and the failure is logged as `what` not drawn.
 */
export async function withPicture(
  ctx: AppContext,
  message: Message,
  draw: () => Promise<Picture>,
  fallback: string,
  what: string,
): Promise<Message> {
  if (!ctx.event.capabilities.files) return message;
  try {
    return { ...message, files: [pictureFile(await draw(), fallback)] };
  } catch (err) {
    ctx.services.log.warn({ err, group: ctx.group }, `${what} not drawn`);
    return message;
  }
}
