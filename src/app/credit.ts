import type { Actor } from "../core/model.ts";
import type { Credit, MemberStats } from "../store/store.ts";
import { type Day, periodsAt, previousStudyDay } from "../domain/calendar.ts";
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
    periods: { ...periods, yesterday },
    timezone: calendar.timezone,
  };
}

/** A member's current streak as of now: still alive when their last study day is today or the previous study day. */
export function liveStreak(
  stats: MemberStats,
  now: number,
  calendar: GroupCalendar,
): { current: number; today: Day; previous: Day } {
  const today = periodsAt(now, calendar.timezone).day;
  const previous = previousStudyDay(today, calendar.weekdaysOnly);
  const alive = stats.lastActive !== undefined && stats.lastActive >= previous;
  return { current: alive ? stats.current : 0, today, previous };
}

/** "1 day", "3 days". */
export function days(n: number): string {
  return `${n} day${n === 1 ? "" : "s"}`;
}
