import { IANAZone } from "luxon";
import type { GroupSettings } from "../app/groups.ts";
import type { Plan } from "../content/schemas.ts";
import { addDays, countStudyDays, type Day, localDay, nextStudyDay } from "../domain/calendar.ts";
import { planLength } from "../domain/plan-day.ts";

/** The check of a group that nothing can make due until its settings change (paused, plan over). */
export const NEVER = 8_640_000_000_000_000;

const MINUTE = 60_000;

/**
 * The first instant of `day` in `zone` at which the local clock reads `time` or later, which is when
 * the poster's rule (local time at or past the post time) first holds: a time skipped by a clock
 * change gives the first minute after the gap, and a time that comes twice gives its first coming.
 */
export function postInstant(day: Day, time: string, zone: string): number {
  const tz = IANAZone.create(zone);
  const [hours = 0, minutes = 0] = time.split(":").map(Number);
  const wall = Date.parse(`${day}T00:00:00Z`) + (hours * 60 + minutes) * MINUTE;
  const localAt = (t: number) => t + tz.offset(t) * MINUTE;
  // The zone's offsets around that day: a clock change moves it between two of them.
  const offsets = [...new Set([-36, 0, 36].map((h) => tz.offset(wall + h * 3_600_000)))];
  const exact = offsets.map((o) => wall - o * MINUTE).filter((t) => localAt(t) === wall);
  if (exact.length > 0) return Math.min(...exact);
  // Skipped: find the gap's end, the first minute whose local time is past the wall time.
  let before = wall - Math.max(...offsets) * MINUTE;
  let after = wall - Math.min(...offsets) * MINUTE;
  while (after - before > MINUTE) {
    const mid = before + Math.floor((after - before) / MINUTE / 2) * MINUTE;
    if (localAt(mid) >= wall) after = mid;
    else before = mid;
  }
  return after;
}

export type ScheduleSettings = Pick<
  GroupSettings,
  "scheduled" | "pausedOn" | "timezone" | "startDate" | "weekdaysOnly" | "postTime"
>;

/**
 * When the scheduler should next look at a group: the post instant of its next study day in its
 * plan (today's, which may be past and so due now, unless today's post is known to be done),
 * NEVER while nothing can be due (paused, plan over), undefined when daily posts are off.
 */
export function nextPostCheck(
  plan: Plan | undefined,
  settings: ScheduleSettings,
  now: number,
  todayDone: boolean,
): number | undefined {
  if (!settings.scheduled) return undefined;
  if (settings.pausedOn || !plan) return NEVER;
  const today = localDay(now, settings.timezone);
  const from = todayDone ? addDays(today, 1) : today;
  const day = nextStudyDay(from > settings.startDate ? from : settings.startDate, settings.weekdaysOnly);
  const length = planLength(plan);
  if (countStudyDays(settings.startDate, day, settings.weekdaysOnly, length + 1) > length) return NEVER;
  return postInstant(day, settings.postTime, settings.timezone);
}
