import type { AppContext } from "../../src/app/app-context.ts";
import { UserError } from "../../src/core/errors.ts";
import { filePart } from "../../src/core/files.ts";
import { isoWeekKey, localDay, monthKey } from "../../src/domain/calendar.ts";
import type { LeaderboardPeriod } from "../../src/store/store.ts";
import { type ExportRow, membersCsv } from "./export-csv.ts";

/** Every member's points in a period, by member id. */
async function pointsIn(ctx: AppContext, period: LeaderboardPeriod, members: number) {
  const board = await ctx.services.store.leaderboard(ctx.group, period, ctx.actor.id, Math.max(1, members));
  return new Map(board.top.map((e) => [e.memberId, e.score]));
}

/**
 * Sends the organizer, privately, a CSV of the group's members and their numbers. Where the platform
 * has no private replies it is refused: the export names every member and is for organizers alone.
 */
export async function exportMembers(ctx: AppContext): Promise<void> {
  const settings = await ctx.settings();
  await ctx.requireOrganizer("export the group's members", settings);
  if (!ctx.event.capabilities.privateReplies) {
    throw new UserError(
      "export-needs-private-replies",
      "The export goes to the organizer alone, and private replies are not available here.",
    );
  }
  const zone = settings.timezone;
  const members = await ctx.services.store.members(ctx.group);
  const [all, month, week] = await Promise.all([
    pointsIn(ctx, { kind: "all" }, members.length),
    pointsIn(ctx, { kind: "month", key: monthKey(ctx.now, zone) }, members.length),
    pointsIn(ctx, { kind: "week", key: isoWeekKey(ctx.now, zone) }, members.length),
  ]);
  const rows: ExportRow[] = members
    .map((m) => ({
      name: m.name,
      pointsAllTime: all.get(m.memberId) ?? 0,
      pointsThisMonth: month.get(m.memberId) ?? 0,
      pointsThisWeek: week.get(m.memberId) ?? 0,
      stats: m.stats,
    }))
    .sort((a, b) => b.pointsAllTime - a.pointsAllTime || a.name.localeCompare(b.name));
  const today = localDay(ctx.now, zone);
  const csv = filePart({
    name: `studygroup-members-${today}.csv`,
    contentType: "text/csv; charset=utf-8",
    data: membersCsv(rows),
    alt: `The study group's ${rows.length} members and their numbers on ${today}`,
    fallback: "The CSV export could not be attached here: this platform takes no files.",
  });
  const count = rows.length === 1 ? "1 member" : `${rows.length} members`;
  await ctx.replyPrivately(
    {
      blocks: [
        {
          type: "text",
          text: `The group's ${count} on ${today} (points all time, this month and this week; streaks; answers and accuracy; check-ins, mock answers and reviews given; last active day), as CSV.`,
        },
      ],
      files: [csv],
    },
    "none",
  );
}
