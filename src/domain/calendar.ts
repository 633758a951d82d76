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
  return periodsAt(now, zone).day;
}

export function isoWeekKey(now: number, zone: string): string {
  return periodsAt(now, zone).week;
}

export function monthKey(now: number, zone: string): string {
  return periodsAt(now, zone).month;
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

/** The periods of the current local day of each zone, valid until that zone's next midnight. */
const periodCache = new Map<string, { from: number; until: number; periods: Periods }>();

/** Day, ISO week and month of a moment in a zone; cached per zone, since they only change at local midnight. */
export function periodsAt(now: number, zone: string): Periods {
  const hit = periodCache.get(zone);
  if (hit && now >= hit.from && now < hit.until) return hit.periods;
  const t = at(now, zone);
  const day = t.toISODate() as Day;
  const periods = {
    day,
    yesterday: addDays(day, -1),
    week: t.toFormat("kkkk-'W'WW"),
    month: t.toFormat("yyyy-LL"),
  };
  // The next day's own start: after a midnight skipped by a clock change, today began at 01:00, and
  // today's start plus one day would be an hour into tomorrow.
  const until = t.plus({ days: 1 }).startOf("day");
  periodCache.set(zone, { from: t.startOf("day").toMillis(), until: until.toMillis(), periods });
  return periods;
}

/** "Sat 21 Nov" for display. */
export function formatDay(day: Day): string {
  return DateTime.fromISO(day, { zone: "utc" }).toFormat("ccc d LLL yyyy");
}

export function isWeekend(day: Day): boolean {
  return DateTime.fromISO(day, { zone: "utc" }).weekday >= 6;
}

/** Whether a group that studies on weekdays only (or every day) studies on this date. */
export function isStudyDay(day: Day, weekdaysOnly: boolean): boolean {
  return !weekdaysOnly || !isWeekend(day);
}

/** The study day before `day`: yesterday, or the previous weekday for weekday-only groups. */
export function previousStudyDay(day: Day, weekdaysOnly: boolean): Day {
  let d = addDays(day, -1);
  while (!isStudyDay(d, weekdaysOnly)) d = addDays(d, -1);
  return d;
}

/** `day` itself when it is a study day, else the next one. */
export function nextStudyDay(day: Day, weekdaysOnly: boolean): Day {
  let d = day;
  while (!isStudyDay(d, weekdaysOnly)) d = addDays(d, 1);
  return d;
}

/** Study days in [from, to], counting no further than `cap` (callers only need to know "more than the plan"). */
export function countStudyDays(
  from: Day,
  to: Day,
  weekdaysOnly: boolean,
  cap = Number.POSITIVE_INFINITY,
): number {
  if (to < from) return 0;
  if (!weekdaysOnly) return Math.min(daysBetween(from, to) + 1, cap);
  let count = 0;
  for (let d = from; d <= to && count < cap; d = addDays(d, 1)) if (!isWeekend(d)) count++;
  return count;
}

/** The date of the n-th study day counted from `from` (n = 1 is the first). */
export function nthStudyDay(from: Day, n: number, weekdaysOnly: boolean): Day {
  let d = nextStudyDay(from, weekdaysOnly);
  for (let i = 1; i < n; i++) d = nextStudyDay(addDays(d, 1), weekdaysOnly);
  return d;
}

/** The start date that makes `day` the n-th study day. */
export function startForStudyDay(day: Day, n: number, weekdaysOnly: boolean): Day {
  let d = nextStudyDay(day, weekdaysOnly);
  for (let i = 1; i < n; i++) d = previousStudyDay(d, weekdaysOnly);
  return d;
}

/** Minutes since local midnight at this moment in this zone. */
export function localMinutes(now: number, zone: string): number {
  const t = DateTime.fromMillis(now, { zone });
  return t.hour * 60 + t.minute;
}

/** A valid zone in its usual spelling ("utc" → "UTC", "europe/berlin" → "Europe/Berlin"), or undefined. */
export function canonicalZone(zone: string): string | undefined {
  const input = zone.trim();
  if (!IANAZone.isValidZone(input)) return undefined;
  if (/^utc$/i.test(input)) return "UTC";
  if (input !== input.toLowerCase()) return input;
  const titled = input.replace(/(^|[/_-])([a-z])/g, (_, sep: string, c: string) => sep + c.toUpperCase());
  return IANAZone.isValidZone(titled) ? titled : input;
}
