import { DateTime, IANAZone } from "luxon";

/** A calendar date, "2026-11-21". */
export type Day = string;

/** The calendar keys one moment falls in, in one time zone. */
export interface Periods {
  day: Day;
  yesterday: Day;
  /** ISO week, "2026-W47". */
  week: string;
  /** "2026-11". */
  month: string;
}

export function isValidTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

export function isValidDay(day: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && DateTime.fromISO(day, { zone: "utc" }).isValid;
}

function at(now: number, zone: string): DateTime {
  return DateTime.fromMillis(now, { zone });
}

export function localDay(now: number, zone: string): Day {
  return at(now, zone).toISODate() as Day;
}

export function isoWeekKey(now: number, zone: string): string {
  return at(now, zone).toFormat("kkkk-'W'WW");
}

export function monthKey(now: number, zone: string): string {
  return at(now, zone).toFormat("yyyy-LL");
}

/** Calendar arithmetic on dates alone, free of any zone's clock changes. */
export function addDays(day: Day, days: number): Day {
  return DateTime.fromISO(day, { zone: "utc" }).plus({ days }).toISODate() as Day;
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: Day, to: Day): number {
  const a = DateTime.fromISO(from, { zone: "utc" });
  const b = DateTime.fromISO(to, { zone: "utc" });
  return Math.round(b.diff(a, "days").days);
}

export function periodsAt(now: number, zone: string): Periods {
  const day = localDay(now, zone);
  return { day, yesterday: addDays(day, -1), week: isoWeekKey(now, zone), month: monthKey(now, zone) };
}

/** "Sat 21 Nov" for display. */
export function formatDay(day: Day): string {
  return DateTime.fromISO(day, { zone: "utc" }).toFormat("ccc d LLL yyyy");
}
