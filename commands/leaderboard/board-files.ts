import type { AppContext } from "../../src/app/app-context.ts";
import type { Message } from "../../src/core/model.ts";
import { pictureFile } from "../../src/pictures/render.ts";
import type { Leaderboard } from "../../src/store/store.ts";
import { renderBoard } from "./picture.ts";

/**
 * The board's picture with its message, where the platform takes files and somebody has scored.
 * Drawing it is an extra: if it fails, the text board goes out alone and the failure is logged.
 */
export async function withBoardPicture(
  ctx: AppContext,
  message: Message,
  board: Leaderboard,
  title: string,
): Promise<Message> {
  if (!ctx.event.capabilities.files || board.top.length === 0) return message;
  try {
    const picture = await renderBoard(board, title, ctx.actor.id);
    return {
      ...message,
      files: [pictureFile(picture, "The board above, as a picture, cannot be shown here.")],
    };
  } catch (err) {
    ctx.services.log.warn({ err, group: ctx.group }, "leaderboard picture not drawn");
    return message;
  }
}
