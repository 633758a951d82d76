import { addDays, type Day, formatDay, nextStudyDay, previousStudyDay } from "./calendar.ts";

/**
 * Streak freezes. The store's CREDIT script applies the rule at a member's next study action (it
 * takes these numbers); `streakAsOf` works out the same outcome for display before then, so what
 * /streak shows is what that action will record.
 */
export interface FreezeRule {
  /** A freeze is earned on every multiple of this many days of a run (7th, 14th, …). */
  studyDaysPerFreeze: number;
  /** The most a member holds; one earned beyond it is lost. */
  maxHeld: number;
  /** How many of the days freezes covered are remembered, for display. */
  spentDaysKept: number;
}

export const FREEZE_RULE: FreezeRule = { studyDaysPerFreeze: 7, maxHeld: 2, spentDaysKept: 10 };

/**
 * The study days the CREDIT script needs around `day`: before it, newest first, one more than the
 * most freezes held (enough to tell a gap freezes can cover from one they cannot); after it, as many
 * as can be held (the first days a gap would miss, to date freezes spent on a run that then ends).
 */
export function studyDaysAround(
  day: Day,
  weekdaysOnly: boolean,
  rule: FreezeRule = FREEZE_RULE,
): { before: Day[]; after: Day[] } {
  const before: Day[] = [];
  for (let d = day; before.length <= rule.maxHeld;) before.push((d = previousStudyDay(d, weekdaysOnly)));
  const after: Day[] = [];
  for (let d = day; after.length < rule.maxHeld;) after.push((d = nextStudyDay(addDays(d, 1), weekdaysOnly)));
  return { before, after };
}

/** What the member hash holds about a run. */
export interface StoredStreak {
  /** The last day with a study action. */
  last?: Day;
  /** Study days in the run as of `last` (days freezes covered keep it alive but add nothing). */
  current: number;
  /** Freezes held as of `last`. */
  freezes: number;
  /** Days freezes covered, oldest first (the last `spentDaysKept`). */
  freezeDays: Day[];
}

export interface StreakNow {
  /** The run today, before any study action today: 0 once it has ended. */
  current: number;
  /** Freezes held after covering every missed study day so far. */
  freezes: number;
  /** Days freezes covered, oldest first, including those not yet recorded (see `covering`). */
  freezeDays: Day[];
  /** Missed study days since `last` covered by a freeze, which the next study action records. */
  covering: Day[];
  /** The missed study day no freeze was left for, when the run ended that way. */
  endedOn?: Day;
}

/**
 * A member's run as of `today`: each study day missed since `last` (today not yet, it is not over)
 * spends a freeze while one is held; the first one with none left ends the run. Rest days of
 * weekday-only groups are not study days, so they spend nothing.
 */
export function streakAsOf(
  stored: StoredStreak,
  today: Day,
  weekdaysOnly: boolean,
  rule: FreezeRule = FREEZE_RULE,
): StreakNow {
  const kept = (days: Day[]) => days.slice(-rule.spentDaysKept);
  const unchanged = { freezes: stored.freezes, freezeDays: stored.freezeDays, covering: [] };
  if (stored.last === undefined) return { current: 0, ...unchanged };
  if (stored.last >= today) return { current: stored.current, ...unchanged };
  const missed: Day[] = [];
  // Only the first freezes + 1 missed days matter, however long the gap.
  for (let d = stored.last; missed.length <= stored.freezes;) {
    d = nextStudyDay(addDays(d, 1), weekdaysOnly);
    if (d >= today) break;
    missed.push(d);
  }
  const covering = missed.slice(0, stored.freezes);
  const freezes = stored.freezes - covering.length;
  const freezeDays = kept([...stored.freezeDays, ...covering]);
  const endedOn = missed[covering.length];
  if (endedOn !== undefined) return { current: 0, freezes, freezeDays, covering, endedOn };
  return { current: stored.current, freezes, freezeDays, covering };
}

/** Study days until the next freeze is earned, or undefined when the member holds the most already. */
export function daysToNextFreeze(now: StreakNow, rule: FreezeRule = FREEZE_RULE): number | undefined {
  if (now.freezes >= rule.maxHeld) return undefined;
  return rule.studyDaysPerFreeze - (now.current % rule.studyDaysPerFreeze);
}

export function describeFreezes(rule: FreezeRule = FREEZE_RULE): string {
  return [
    `- Every ${rule.studyDaysPerFreeze}th day of a streak (the ${rule.studyDaysPerFreeze}th, ${rule.studyDaysPerFreeze * 2}th, …) earns a **streak freeze**; you hold at most **${rule.maxHeld}**, and one earned beyond that is lost.`,
    "- Each study day you miss spends one freeze automatically and keeps the streak alive; a covered day adds nothing to the streak's length. When a missed day finds no freeze left, the streak ends (the freezes spent before it stay spent).",
    "- A day counts as missed once it is over in the group's time zone. Rest days (weekends in groups that study on weekdays only) are never missed and never spend a freeze.",
  ].join("\n");
}

/** "Mon 23 Nov 2026, Tue 24 Nov 2026". */
export function formatFreezeDays(days: readonly Day[]): string {
  return days.map(formatDay).join(", ");
}
