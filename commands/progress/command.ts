import { z } from "zod";
import { defineCommand } from "../../src/app/define-command.ts";
import { liveStreak } from "../../src/app/credit.ts";
import { progressSummary } from "../../src/app/progress.ts";
import { withProgressCard } from "./picture.ts";
import { progressMessage } from "./view.ts";

export default defineCommand({
  name: "progress",
  description: "Your mastery per topic: seen, accuracy, mastered, due, and what to practise next",
  args: z.object({}),
  firstReply: "private",
  async run(ctx) {
    const [summary, stats, settings] = await Promise.all([
      progressSummary(ctx.services, ctx.group, ctx.actor.id, ctx.now),
      ctx.services.store.memberStats(ctx.group, ctx.actor.id),
      ctx.settings(),
    ]);
    const streak = liveStreak(stats, ctx.now, settings);
    // Private: where a platform has none, an addressed post (it shows no one else's answers).
    await ctx.replyPrivately(
      await withProgressCard(ctx, progressMessage(summary, streak), summary),
      "public",
    );
  },
});
