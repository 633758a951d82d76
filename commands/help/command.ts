import { z } from "zod";
import { argumentSpecs, usage } from "../../src/core/args.ts";
import { defineCommand } from "../../src/app/define-command.ts";
import { cmd } from "../../src/core/command-token.ts";
import { describeFreezes } from "../../src/domain/freezes.ts";
import { RATING_RULE } from "../../src/domain/memory.ts";
import { describeScoring } from "../../src/domain/scoring.ts";

const WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

export default defineCommand({
  name: "help",
  description: "What the bot does, how points and streaks work, and the quiz topics",
  args: z.object({}),
  firstReply: "private",
  async run(ctx) {
    const { content, scoring } = ctx.services;
    const { commands } = ctx;
    const settings = await ctx.settings();
    const commandLines = commands.map(
      (c) => `- \`${usage(c.name, argumentSpecs(c.args))}\`: ${c.description}`,
    );
    const topics = [...content.topics.values()].map((t) => `\`${t.topic}\` (${t.questionCount})`).join(", ");
    await ctx.replyPrivately(
      {
        blocks: [
          { type: "header", text: "Study group bot" },
          { type: "section", title: "Commands", text: commandLines.join("\n") },
          { type: "section", title: "Points", text: describeScoring(scoring) },
          {
            type: "section",
            title: "Streaks",
            text: `A streak is a run of consecutive days with at least one study action: a quiz answer, a Done check-in, a mock answer or a review. In groups that study on weekdays only, weekends never break a streak. Days count in the group's time zone, ${settings.timezone}.\n${describeFreezes()}`,
          },
          {
            type: "section",
            title: "Your reviews",
            text: `${RATING_RULE} Each question falls due at the start of a day in the group's time zone; a group round updates your memory of its question when it closes. ${cmd("practice")} asks your due questions first; ${cmd("progress")} shows per topic what you have seen, got right, mastered (FSRS expects you to still recall it tomorrow with more than 90% chance) and have due.`,
          },
          {
            type: "section",
            title: "Reminders and weekly digest",
            text: `${cmd("remind", "at 19:30")} sends you a direct message at that time (${settings.timezone}) on days you have not studied yet here, at most once a day; ${cmd("remind", "off")} or its Stop button ends it. ${cmd("digest", "on")} sends you your week privately (answers, accuracy by topic, weakest topics, streak) every ${WEEKDAY_NAMES[settings.digestDay - 1] ?? "Monday"} at ${settings.digestTime}. Both are off until you ask, and stop if your direct messages are closed to the bot.`,
          },
          { type: "section", title: "Quiz topics", text: topics },
        ],
        fallback: "Study group bot help",
      },
      "public",
    );
  },
});
