import { z } from "zod";
import { defineCommand } from "../../src/app/define-command.ts";
import { days, liveStreak } from "../../src/app/credit.ts";
import { cmd } from "../../src/core/command-token.ts";
import { formatDay, isStudyDay } from "../../src/domain/calendar.ts";
import { daysToNextFreeze, FREEZE_RULE, formatFreezeDays } from "../../src/domain/freezes.ts";

export default defineCommand({
  name: "streak",
  description: "Your current and best study streak",
  args: z.object({}),
  firstReply: "private",
  async run(ctx) {
    const settings = await ctx.settings();
    const stats = await ctx.services.store.memberStats(ctx.group, ctx.actor.id);
    const streak = liveStreak(stats, ctx.now, settings);
    const { current, today } = streak;
    const keepGoing = `Study today to keep it going: answer a ${cmd("quiz")} or press Done on ${cmd("daily")}.`;
    const covered =
      streak.covering.length > 0
        ? `${streak.covering.length === 1 ? "A freeze" : "Freezes"} kept it alive over ${formatFreezeDays(streak.covering)}. `
        : "";
    const safety =
      streak.freezes > 0 && isStudyDay(today, settings.weekdaysOnly)
        ? " If you miss today, a freeze covers it."
        : "";
    const status =
      stats.lastActive === today
        ? "You studied today. ✅"
        : stats.lastActive !== undefined && streak.endedOn === undefined
          ? `${covered}${keepGoing}${safety}`
          : streak.endedOn
            ? `Your streak ended on ${formatDay(streak.endedOn)}, a missed study day with no freeze left. Start a new one today.`
            : `No study actions yet: answer a ${cmd("quiz")}, press Done on ${cmd("daily")} or post a ${cmd("mock")} answer to start one.`;
    const toNext = daysToNextFreeze(streak);
    const held = `${streak.freezes} of ${FREEZE_RULE.maxHeld}${
      toNext === undefined ? "" : ` (next in ${days(toNext)} of study)`
    }`;
    await ctx.replyPrivately(
      {
        blocks: [
          { type: "header", text: `🔥 Streak: ${days(current)}` },
          {
            type: "section",
            fields: [
              { label: "Current", value: days(current), inline: true },
              { label: "Best", value: days(stats.best), inline: true },
              { label: "Freezes held", value: held, inline: true },
              { label: "Quiz answers", value: `${stats.answers} (${stats.correct} correct)`, inline: true },
              { label: "Check-ins", value: String(stats.checkIns), inline: true },
              { label: "Mock answers", value: String(stats.mocks), inline: true },
              { label: "Reviews given", value: String(stats.reviews), inline: true },
              ...(streak.freezeDays.length > 0
                ? [{ label: "Freezes spent on", value: formatFreezeDays(streak.freezeDays) }]
                : []),
            ],
          },
          { type: "context", text: `${status} Days count in ${settings.timezone}.` },
        ],
        fallback: `Your streak: ${days(current)} (best ${days(stats.best)}), ${streak.freezes} freezes held`,
      },
      "public",
    );
  },
});
