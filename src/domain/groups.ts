import type { Place } from "../core/model.ts";
import type { Store } from "../store/store.ts";
import { type Day, isValidDay, isValidTimeZone, localDay } from "./calendar.ts";

export interface GroupSettings {
  timezone: string;
  plan: string;
  startDate: Day;
  quizSeconds: number;
}

export interface GroupDefaults {
  timezone: string;
  plan: string;
  quizSeconds: number;
}

export const QUIZ_SECONDS_MIN = 10;
export const QUIZ_SECONDS_MAX = 3600;

/** A group is one channel in one workspace of one platform; groups never see each other's data. */
export function groupId(place: Place): string {
  return `${place.platform}:${place.workspace}:${place.channel}`;
}

export function placeOfGroup(group: string): Place {
  const [platform = "", workspace = "", ...channel] = group.split(":");
  return { platform, workspace, channel: channel.join(":") };
}

/** Reads and defaults group settings. Keeps each group's zone in memory as a hint for the hot quiz-answer path. */
export class Groups {
  private readonly zoneHints = new Map<string, string>();

  constructor(
    private readonly store: Store,
    private readonly defaults: GroupDefaults,
    private readonly plans: ReadonlySet<string>,
    private readonly now: () => number,
  ) {}

  async settings(group: string): Promise<GroupSettings> {
    const stored = await this.store.ensureGroup(group, {
      timezone: this.defaults.timezone,
      plan: this.defaults.plan,
      startDate: localDay(this.now(), this.defaults.timezone),
      quizSeconds: String(this.defaults.quizSeconds),
    });
    const settings = this.sanitize(stored);
    this.zoneHints.set(group, settings.timezone);
    return settings;
  }

  /** The group's zone as last seen by this process, if any; callers must tolerate it being stale. */
  zoneHint(group: string): string | undefined {
    return this.zoneHints.get(group);
  }

  rememberZone(group: string, zone: string): void {
    this.zoneHints.set(group, zone);
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
    };
  }
}
