import { DateTime } from "luxon";
import { addDays, type Day, isStudyDay, localDay } from "../domain/calendar.ts";
import { postInstant } from "./next-post.ts";

/** The ISO weekday of a date: 1 Monday … 7 Sunday. */
export function weekdayOf(day: Day): number {
  return DateTime.fromISO(day, { zone: "utc" }).weekday;
}

/** The ISO week a date falls in, "2026-W11". */
export function isoWeekOf(day: Day): string {
  return DateTime.fromISO(day, { zone: "utc" }).toFormat("kkkk-'W'WW");
}

export interface ReminderCalendar {
  timezone: string;
  weekdaysOnly: boolean;
}

/**
 * When a member's reminder is next due: the reminder instant (first local minute at or past `time`,
 * as for the daily post) of the first study day from `from` on whose instant is after `after`.
 */
export function nextReminder(time: string, calendar: ReminderCalendar, from: Day, after: number): number {
  for (let day = from, i = 0; i < 14; day = addDays(day, 1), i++) {
    if (!isStudyDay(day, calendar.weekdaysOnly)) continue;
    const at = postInstant(day, time, calendar.timezone);
    if (at > after) return at;
  }
  throw new Error(`no reminder instant found for ${time} from ${from}`);
}

/** A reminder set now: today's, if its time is still ahead, else the next study day's. */
export function firstReminder(time: string, calendar: ReminderCalendar, now: number): number {
  return nextReminder(time, calendar, localDay(now, calendar.timezone), now);
}

export interface DigestCalendar {
  timezone: string;
  digestDay: number;
  digestTime: string;
}

/** The latest digest occurrence at or before `now` (its local date and instant), within the last week. */
export function lastDigest(calendar: DigestCalendar, now: number): { day: Day; at: number } | undefined {
  const today = localDay(now, calendar.timezone);
  for (let back = 0; back <= 7; back++) {
    const day = addDays(today, -back);
    if (weekdayOf(day) !== calendar.digestDay) continue;
    const at = postInstant(day, calendar.digestTime, calendar.timezone);
    if (at <= now) return { day, at };
  }
  return undefined;
}

/** The first digest occurrence after `now`. */
export function nextDigest(calendar: DigestCalendar, now: number): number {
  const today = localDay(now, calendar.timezone);
  for (let ahead = 0; ahead <= 8; ahead++) {
    const day = addDays(today, ahead);
    if (weekdayOf(day) !== calendar.digestDay) continue;
    const at = postInstant(day, calendar.digestTime, calendar.timezone);
    if (at > now) return at;
  }
  throw new Error("no digest instant found within eight days");
}
