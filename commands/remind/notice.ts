import type { AppContext } from "../../src/app/app-context.ts";
import { directClosedMessage } from "./view.ts";

/**
 * Where the platform shows private messages only in answer to an event (Discord), a member whose
 * direct messages turned out closed is told on their next command in the group, once: the store
 * hands the notice to one process only.
 */
export async function tellDirectClosed(ctx: AppContext): Promise<void> {
  if (!(await ctx.services.store.takeDirectNotice(ctx.group, ctx.actor.id))) return;
  await ctx.replyPrivately(directClosedMessage(ctx.place.platform), "public");
}
