import type { AppContext } from "../../src/app/app-context.ts";
import { withPicture } from "../../src/app/with-picture.ts";
import type { Message } from "../../src/core/model.ts";
import type { Leaderboard } from "../../src/store/store.ts";
import { renderBoard } from "./picture.ts";

/**
 * The board's picture with its message, where the platform takes files and somebody has scored.
 * Drawing it is an extra: if it fails, the text board goes out alone and the failure is logged.
 */
export function withBoardPicture(
  ctx: AppContext,
  message: Message,
  board: Leaderboard,
  title: string,
): Promise<Message> {
  if (board.top.length === 0) return Promise.resolve(message);
  return withPicture(
    ctx,
    message,
    () => renderBoard(board, title, ctx.actor.id),
    "The board above, as a picture, cannot be shown here.",
    "leaderboard picture",
  );
}
