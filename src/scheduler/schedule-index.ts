import type { AppServices } from "../app/services.ts";
import { localDay } from "../domain/calendar.ts";
import { nextPostCheck } from "./next-post.ts";

/** Groups read per page when looking for groups laid out before the schedule index. */
const ADOPT_PAGE = 500;
/** Compare-and-set attempts before giving up on a group whose entry keeps moving. */
const ATTEMPTS = 5;

/**
 * Keeps each scheduled group's next daily-post check in the store's schedule (a sorted set per
 * platform), so a scheduler tick reads only what is due. Every write is a compare-and-set against
 * the entry as read before the settings: a writer that read older settings loses and reads again,
 * so the last word is always computed from the newest settings.
 */
export class ScheduleIndex {
  constructor(private readonly services: AppServices) {}

  /** Moves the group to the check its current settings give; after a settings change, at once. */
  async reindex(group: string): Promise<number | undefined> {
    const { store, groups, content, clock } = this.services;
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      const current = await store.nextPostCheck(group);
      const settings = await groups.settings(group);
      const now = clock.now();
      const active = settings.scheduled && !settings.pausedOn;
      const todayDone = active && (await store.dailyPosted(group, localDay(now, settings.timezone)));
      const next = nextPostCheck(content.plans.get(settings.plan), settings, now, todayDone);
      if (await store.setNextPostCheck(group, current, next)) return next;
    }
    throw new Error(`the schedule entry of ${group} kept moving; not reindexed`);
  }

  /**
   * Puts every scheduled group that has no check yet (laid out before the index, or set up by a
   * process of an earlier version during a rolling upgrade) into the schedule. Each process runs it
   * on start; it reads the settings of those groups only. Returns how many it added.
   */
  async adoptUnindexed(): Promise<number> {
    let cursor = "0";
    let adopted = 0;
    do {
      const page = await this.services.store.scheduledWithoutCheck(cursor, ADOPT_PAGE);
      cursor = page.cursor;
      for (const group of page.groups) {
        await this.reindex(group);
        adopted++;
      }
    } while (cursor !== "0");
    return adopted;
  }
}
