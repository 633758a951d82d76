import type { Actor } from "../core/model.ts";
import type { Credit, MemberStats } from "../store/store.ts";
import { type Day, periodsAt, previousStudyDay } from "../domain/calendar.ts";
import { type StreakNow, streakAsOf } from "../domain/freezes.ts";
import type { GroupCalendar } from "./groups.ts";

/**
 * A study action by `actor` now, in the group's calendar: the day, ISO week and month in its zone,
 * and the study day before today (the previous weekday for weekday-only groups, so weekends never
 * break their streaks).
 */
export function creditFor(actor: Actor, now: number, calendar: GroupCalendar): Credit {
  const periods = periodsAt(now, calendar.timezone);
  const yesterday = calendar.weekdaysOnly ? previousStudyDay(periods.day, true) : periods.yesterday;
  return {
    memberId: actor.id,
    name: actor.name,
    periods: { day: periods.day, yesterday, week: periods.week, month: periods.month },
    timezone: calendar.timezone,
    weekdaysOnly: calendar.weekdaysOnly,
  };
}

/**
 * A member's streak and freezes as of now: alive when they studied today or on the previous study
 * day, or when freezes held cover every study day missed since (see src/domain/freezes.ts). Those
 * freezes are recorded at the member's next study action; this shows them spent already, on the
 * days they cover, as that action will record them.
 */
export function liveStreak(
  stats: MemberStats,
  now: number,
  calendar: GroupCalendar,
): StreakNow & { today: Day; previous: Day } {
  const today = periodsAt(now, calendar.timezone).day;
  const previous = previousStudyDay(today, calendar.weekdaysOnly);
  const stored = {
    last: stats.lastActive,
    current: stats.current,
    freezes: stats.freezes,
    freezeDays: stats.freezeDays,
  };
  return { ...streakAsOf(stored, today, calendar.weekdaysOnly), today, previous };
}

/** "1 day", "3 days". */
export function days(n: number): string {
  return `${n} day${n === 1 ? "" : "s"}`;
}
