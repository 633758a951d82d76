import { z } from "zod";
import { defineCommand } from "../../src/app/define-command.ts";
import { days, liveStreak } from "../../src/app/credit.ts";
import { cmd } from "../../src/core/command-token.ts";

export default defineCommand({
  name: "streak",
  description: "Your current and best study streak",
  args: z.object({}),
  firstReply: "private",
  async run(ctx) {
    const settings = await ctx.settings();
    const stats = await ctx.services.store.memberStats(ctx.group, ctx.actor.id);
    const { current, today, previous } = liveStreak(stats, ctx.now, settings);
    const status =
      stats.lastActive === today
        ? "You studied today. ✅"
        : stats.lastActive !== undefined && stats.lastActive >= previous
          ? `Study today to keep it going: answer a ${cmd("quiz")} or press Done on ${cmd("daily")}.`
          : stats.lastActive
            ? `Your last study day was ${stats.lastActive}. Start a new streak today.`
            : `No study actions yet: answer a ${cmd("quiz")}, press Done on ${cmd("daily")} or post a ${cmd("mock")} answer to start one.`;
    await ctx.replyPrivately(
      {
        blocks: [
          { type: "header", text: `🔥 Streak: ${days(current)}` },
          {
            type: "section",
            fields: [
              { label: "Current", value: days(current), inline: true },
              { label: "Best", value: days(stats.best), inline: true },
              { label: "Quiz answers", value: `${stats.answers} (${stats.correct} correct)`, inline: true },
              { label: "Check-ins", value: String(stats.checkIns), inline: true },
              { label: "Mock answers", value: String(stats.mocks), inline: true },
              { label: "Reviews given", value: String(stats.reviews), inline: true },
            ],
          },
          { type: "context", text: `${status} Days count in ${settings.timezone}.` },
        ],
        fallback: `Your streak: ${days(current)} (best ${days(stats.best)})`,
      },
      "public",
    );
  },
});
