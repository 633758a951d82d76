import { z } from "zod";
import { defineCommand } from "../../src/app/define-command.ts";
import { cmd } from "../../src/core/command-token.ts";
import type { Block } from "../../src/core/model.ts";
import { isoWeekKey, monthKey } from "../../src/domain/calendar.ts";
import type { LeaderboardPeriod } from "../../src/store/store.ts";
import { withBoardPicture } from "./board-files.ts";

const TOP = 10;
const MEDALS = ["🥇", "🥈", "🥉"];

export default defineCommand({
  name: "leaderboard",
  description: "The group's top 10 and your own rank",
  args: z.object({
    period: z
      .enum(["week", "month", "all"])
      .default("week")
      .describe("This ISO week, this month, or all time"),
  }),
  async run(ctx, args) {
    const settings = await ctx.settings();
    const zone = settings.timezone;
    const period: LeaderboardPeriod =
      args.period === "all"
        ? { kind: "all" }
        : args.period === "week"
          ? { kind: "week", key: isoWeekKey(ctx.now, zone) }
          : { kind: "month", key: monthKey(ctx.now, zone) };
    const title = period.kind === "all" ? "all time" : `this ${period.kind} (${period.key})`;
    const board = await ctx.services.store.leaderboard(ctx.group, period, ctx.actor.id, TOP);
    const lines = board.top.map(
      (e) => `${MEDALS[e.rank - 1] ?? `${e.rank}.`} **${e.name}**: ${e.score} points`,
    );
    const me = board.me
      ? `You are #${board.me.rank} of ${board.members} with ${board.me.score} points.`
      : `You have no points ${period.kind === "all" ? "yet" : `this ${period.kind}`}: answer a ${cmd("quiz")} or check in with ${cmd("daily")}.`;
    const blocks: Block[] = [
      { type: "header", text: `Leaderboard · ${title}` },
      {
        type: "text",
        text: lines.length > 0 ? lines.join("\n") : `Nobody has scored yet. Start with ${cmd("quiz")}.`,
      },
      { type: "context", text: me },
    ];
    await ctx.reply(await withBoardPicture(ctx, { blocks, fallback: `Leaderboard, ${title}` }, board, title));
  },
});
