import { placeOfGroup } from "../core/group-key.ts";
import type { Place } from "../core/model.ts";
import type { Store } from "../store/store.ts";
import { type Day, isValidDay, isValidTimeZone, localDay } from "../domain/calendar.ts";

export interface GroupSettings {
  timezone: string;
  plan: string;
  startDate: Day;
  quizSeconds: number;
  /** Local time of the daily post, "HH:MM". */
  postTime: string;
  weekdaysOnly: boolean;
  /** Daily posts are on once an organizer has run setup. */
  scheduled: boolean;
  /** The day the group was paused, when it is. */
  pausedOn?: Day;
  /** The member who set the group up. */
  organizer?: string;
  /** Counts the times the plan was (re)started, so check-ins of an earlier run never count again. */
  run: number;
  /** The adapter's routing data for posts outside of an event (Place.route), when it needs any. */
  route?: string;
  /** Why the last daily post failed, in words an organizer can act on; cleared by the next good post. */
  postProblem?: string;
  /** The weekly digest's local weekday (1 Monday … 7 Sunday) and time, "HH:MM". */
  digestDay: number;
  digestTime: string;
  /** Whether the channel gets the group's weekly summary (organizers turn it on). */
  digestChannel: boolean;
}

/** The weekly digest goes out on Monday at 09:00 local time unless organizers choose otherwise. */
export const DIGEST_DEFAULTS = { day: 1, time: "09:00" } as const;

/** The key check-ins and plan progress are kept under: the plan and its run. */
export function planRun(settings: Pick<GroupSettings, "plan" | "run">): string {
  return `${settings.plan}#${settings.run}`;
}

export interface GroupDefaults {
  timezone: string;
  plan: string;
  quizSeconds: number;
  postTime: string;
}

export const QUIZ_SECONDS_MIN = 10;
export const QUIZ_SECONDS_MAX = 3600;
export const POST_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Settings as stored in the group's hash: strings only. */
export function storedSettings(patch: Partial<GroupSettings>): Record<string, string> {
  const out: Record<string, string> = {};
  if (patch.timezone !== undefined) out.timezone = patch.timezone;
  if (patch.plan !== undefined) out.plan = patch.plan;
  if (patch.startDate !== undefined) out.startDate = patch.startDate;
  if (patch.quizSeconds !== undefined) out.quizSeconds = String(patch.quizSeconds);
  if (patch.postTime !== undefined) out.postTime = patch.postTime;
  if (patch.weekdaysOnly !== undefined) out.days = patch.weekdaysOnly ? "weekdays" : "every";
  if (patch.scheduled !== undefined) out.scheduled = patch.scheduled ? "yes" : "no";
  if ("pausedOn" in patch) out.pausedOn = patch.pausedOn ?? "";
  if (patch.organizer !== undefined) out.organizer = patch.organizer;
  if (patch.run !== undefined) out.run = String(patch.run);
  if (patch.route !== undefined) out.route = patch.route;
  if ("postProblem" in patch) out.postProblem = patch.postProblem ?? "";
  if (patch.digestDay !== undefined) out.digestDay = String(patch.digestDay);
  if (patch.digestTime !== undefined) out.digestTime = patch.digestTime;
  if (patch.digestChannel !== undefined) out.digestChannel = patch.digestChannel ? "yes" : "no";
  return out;
}

/** What a study action needs to know of a group's calendar. */
export interface GroupCalendar {
  timezone: string;
  weekdaysOnly: boolean;
}

/** Where a group's posts go outside of an event: its channel, with the adapter's routing data. */
export function placeOfSettings(group: string, settings: Pick<GroupSettings, "route">): Place {
  const place = placeOfGroup(group);
  return settings.route ? { ...place, route: settings.route } : place;
}

/** The settings a group's schedule follows: its daily post, and its members' reminders and digests. */
const SCHEDULE_FIELDS = [
  "timezone",
  "plan",
  "startDate",
  "postTime",
  "days",
  "scheduled",
  "pausedOn",
  "run",
  "digestDay",
  "digestTime",
  "digestChannel",
];

/** Reads and defaults group settings. Keeps each group's calendar in memory as a hint for the hot quiz-answer path. */
export class Groups {
  private readonly hints = new Map<string, GroupCalendar>();
  private readonly scheduleListeners: ((group: string) => Promise<void>)[] = [];

  constructor(
    private readonly store: Store,
    private readonly defaults: GroupDefaults,
    private readonly plans: ReadonlySet<string>,
    private readonly now: () => number,
  ) {}

  async settings(group: string): Promise<GroupSettings> {
    const stored = await this.store.ensureGroup(group, {
      ...storedSettings({
        timezone: this.defaults.timezone,
        plan: this.defaults.plan,
        quizSeconds: this.defaults.quizSeconds,
        postTime: this.defaults.postTime,
        weekdaysOnly: false,
        scheduled: false,
      }),
      startDate: localDay(this.now(), this.defaults.timezone),
    });
    const settings = this.sanitize(stored);
    this.hints.set(group, { timezone: settings.timezone, weekdaysOnly: settings.weekdaysOnly });
    return settings;
  }

  /** Saves a change in one write, so a group never holds half of a setup. */
  async update(group: string, patch: Partial<GroupSettings>): Promise<void> {
    const stored = storedSettings(patch);
    await this.store.updateSettings(group, stored);
    if (patch.scheduled !== undefined) await this.store.markScheduled(group, patch.scheduled);
    this.hints.delete(group);
    if (SCHEDULE_FIELDS.some((field) => field in stored))
      for (const listener of this.scheduleListeners) await listener(group);
  }

  /** Called after each change of what the daily-post schedule follows, before update resolves. */
  onScheduleChange(listener: (group: string) => Promise<void>): void {
    this.scheduleListeners.push(listener);
  }

  /** The group's calendar as last seen by this process, if any; callers must tolerate it being stale. */
  calendarHint(group: string): GroupCalendar | undefined {
    return this.hints.get(group);
  }

  rememberZone(group: string, timezone: string): void {
    const hint = this.hints.get(group);
    this.hints.set(group, { timezone, weekdaysOnly: hint?.weekdaysOnly ?? false });
  }

  /** Falls back to defaults for any stored value that is no longer valid (a removed plan, a bad zone). */
  private sanitize(stored: Record<string, string>): GroupSettings {
    const timezone =
      stored.timezone && isValidTimeZone(stored.timezone) ? stored.timezone : this.defaults.timezone;
    const seconds = Number(stored.quizSeconds);
    return {
      timezone,
      plan: stored.plan && this.plans.has(stored.plan) ? stored.plan : this.defaults.plan,
      startDate:
        stored.startDate && isValidDay(stored.startDate) ? stored.startDate : localDay(this.now(), timezone),
      quizSeconds:
        Number.isInteger(seconds) && seconds >= QUIZ_SECONDS_MIN && seconds <= QUIZ_SECONDS_MAX
          ? seconds
          : this.defaults.quizSeconds,
      postTime: stored.postTime && POST_TIME.test(stored.postTime) ? stored.postTime : this.defaults.postTime,
      weekdaysOnly: stored.days === "weekdays",
      scheduled: stored.scheduled === "yes",
      pausedOn: stored.pausedOn && isValidDay(stored.pausedOn) ? stored.pausedOn : undefined,
      organizer: stored.organizer || undefined,
      run: Number.isInteger(Number(stored.run)) && Number(stored.run) > 0 ? Number(stored.run) : 1,
      postProblem: stored.postProblem || undefined,
      route: stored.route || undefined,
      digestDay: /^[1-7]$/.test(stored.digestDay ?? "") ? Number(stored.digestDay) : DIGEST_DEFAULTS.day,
      digestTime:
        stored.digestTime && POST_TIME.test(stored.digestTime) ? stored.digestTime : DIGEST_DEFAULTS.time,
      digestChannel: stored.digestChannel === "yes",
    };
  }
}
