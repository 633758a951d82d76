import type { Actor } from "../core/model.ts";
import type { Credit } from "../store/store.ts";
import { periodsAt, previousStudyDay } from "./calendar.ts";
import type { GroupCalendar } from "./groups.ts";

/**
 * A study action by `actor` now, in the group's calendar: the day, ISO week and month in its zone,
 * and the study day before today (the previous weekday for weekday-only groups, so weekends never
 * break their streaks).
 */
export function creditFor(actor: Actor, now: number, calendar: GroupCalendar): Credit {
  const periods = periodsAt(now, calendar.timezone);
  return {
    memberId: actor.id,
    name: actor.name,
    periods: { ...periods, yesterday: previousStudyDay(periods.day, calendar.weekdaysOnly) },
    timezone: calendar.timezone,
  };
}
