import type { Logger } from "pino";
import { placeOfSettings, type GroupSettings } from "../app/groups.ts";
import { liveStreak } from "../app/credit.ts";
import { ownQuestion } from "../app/own-questions.ts";
import type { AppServices, NudgeSchedule } from "../app/services.ts";
import { DirectMessagesClosed, PlatformRefusal } from "../core/errors.ts";
import { placeOfGroup } from "../core/group-key.ts";
import type { Message, Outbox } from "../core/model.ts";
import { addDays, isStudyDay, localDay, localMinutes } from "../domain/calendar.ts";
import type { NudgeEntry } from "../store/nudges.ts";
import { stopDigestAction } from "../../commands/digest/actions.ts";
import { groupDigestMessage, memberDigestMessage } from "../../commands/digest/view.ts";
import { groupWeek, memberWeek } from "../../commands/digest/week.ts";
import { stopRemindersAction } from "../../commands/remind/actions.ts";
import { directClosedMessage, reminderMessage } from "../../commands/remind/view.ts";
import { isoWeekOf, firstReminder, lastDigest, nextDigest, nextReminder } from "./next-nudge.ts";

/** How long a claim on one reminder or digest lasts before another process may send what never finished. */
export const NUDGE_CLAIM_MS = 10 * 60_000;
/** A sent reminder is remembered past its day; a sent digest past its week. */
const REMINDER_SENT_SECONDS = 3 * 24 * 3600;
const DIGEST_SENT_SECONDS = 14 * 24 * 3600;
const ATTEMPTS = 5;

export type NudgeOutcome =
  "posted" | "off" | "not-today" | "not-yet" | "done" | "studied" | "taken" | "closed" | "failed";

function minutesOf(time: string): number {
  const [h = "0", m = "0"] = time.split(":");
  return Number(h) * 60 + Number(m);
}

type Sent = "sent" | "closed" | "taken" | "refused" | "failed";

/**
 * Members' reminders and the groups' weekly digests, on the daily posts' schedule: each is an entry
 * of the same due index (`<group>|remind|<member>`, `<group>|digest`) that the scheduler's tick takes
 * with the group posts, so an idle tick costs the same one script whatever their number. A claim per
 * member and day (a reminder) or per member and week (a digest, and the group's summary) makes each go
 * out once across processes; a digest missed while the bot was down goes out when it is back, within
 * the week, as the daily post does.
 */
export class NudgeSender implements NudgeSchedule {
  constructor(
    private readonly services: AppServices,
    private readonly log: Logger,
  ) {}

  async reminderChanged(group: string, memberId: string): Promise<void> {
    const entry: NudgeEntry = { kind: "remind", group, memberId };
    await this.reindex(entry, async (current, now) => {
      const time = await this.services.store.reminderOf(group, memberId);
      if (!time) return undefined;
      if (current !== undefined && current <= now) return current;
      return firstReminder(time, await this.services.groups.settings(group), now);
    });
  }

  async digestChanged(group: string): Promise<void> {
    await this.reindex({ kind: "digest", group }, async (current, now) => {
      const settings = await this.services.groups.settings(group);
      const members = await this.services.store.digestMembers(group);
      if (members.length === 0 && !settings.digestChannel) return undefined;
      if (current !== undefined && current <= now) return current;
      return nextDigest(settings, now);
    });
  }

  /** After a change of the group's zone or calendar: its digest and every reminder follow. */
  async groupChanged(group: string): Promise<void> {
    await this.digestChanged(group);
    for (const memberId of (await this.services.store.reminders(group)).keys())
      await this.reminderChanged(group, memberId);
  }

  /** Compare-and-set against the entry as read before the settings, as the daily posts' index does. */
  private async reindex(
    entry: NudgeEntry,
    next: (current: number | undefined, now: number) => Promise<number | undefined>,
  ): Promise<void> {
    const { store, clock } = this.services;
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      const current = await store.nudgeCheck(entry);
      const value = await next(current, clock.now());
      if (value === current) return;
      if (await store.setNudgeCheck(entry, current, value)) return;
    }
    throw new Error(`the schedule entry of ${entry.group} (${entry.kind}) kept moving; not reindexed`);
  }

  /** Looks at an entry taken from the schedule under `lease`, then sets its next check. */
  async handle(entry: NudgeEntry, lease: number): Promise<NudgeOutcome> {
    let result: { outcome: NudgeOutcome; next: number | undefined };
    try {
      result =
        entry.kind === "remind"
          ? await this.remind(entry.group, entry.memberId)
          : await this.digest(entry.group);
    } catch (err) {
      this.log.warn(
        { err, group: entry.group, kind: entry.kind },
        "reminder or digest failed; it will be retried",
      );
      result = { outcome: "failed", next: this.services.clock.now() + 1 };
    }
    const now = this.services.clock.now();
    let next = result.next;
    if (next !== undefined && next <= now) next = now + 1;
    try {
      await this.services.store.setNudgeCheck(entry, lease, next);
    } catch (err) {
      this.log.warn(
        { err, group: entry.group },
        "could not set the next reminder check; the lease will lapse",
      );
    }
    return result.outcome;
  }

  private outbox(group: string): Outbox | undefined {
    const outbox = this.services.outboxes.get(placeOfGroup(group).platform);
    return outbox?.sendDirect ? outbox : undefined;
  }

  private async remind(
    group: string,
    memberId: string,
  ): Promise<{ outcome: NudgeOutcome; next: number | undefined }> {
    const { store, groups, clock, insight } = this.services;
    const outbox = this.outbox(group);
    const time = outbox && (await store.reminderOf(group, memberId));
    if (!outbox || !time) return { outcome: "off", next: undefined };
    const settings = await groups.settings(group);
    const now = clock.now();
    const today = localDay(now, settings.timezone);
    const tomorrow = () => nextReminder(time, settings, addDays(today, 1), now);
    if (!isStudyDay(today, settings.weekdaysOnly)) return { outcome: "not-today", next: tomorrow() };
    if (localMinutes(now, settings.timezone) < minutesOf(time))
      return { outcome: "not-yet", next: nextReminder(time, settings, today, now) };
    const what = `remind:${memberId}:${today}`;
    if (await store.wasSent(group, what)) return { outcome: "done", next: tomorrow() };
    const stats = await store.memberStats(group, memberId);
    if (stats.lastActive === today) return { outcome: "studied", next: tomorrow() };
    const { current, freezes } = liveStreak(stats, now, settings);
    const place = placeOfGroup(group);
    const message = reminderMessage({
      channel: place.channel,
      streak: current,
      freezes,
      dueReviews: await insight.dueReviews(group, memberId, now),
      time,
      timezone: settings.timezone,
      stopAction: stopRemindersAction.id([place.workspace, place.channel]),
    });
    const sent = await this.sendOnce(group, what, REMINDER_SENT_SECONDS, () =>
      this.direct(outbox, group, settings, memberId, message),
    );
    return this.after(sent, tomorrow);
  }

  private after(sent: Sent, next: () => number): { outcome: NudgeOutcome; next: number | undefined } {
    const now = this.services.clock.now();
    switch (sent) {
      case "sent":
        return { outcome: "posted", next: next() };
      case "closed":
        return { outcome: "closed", next: undefined };
      case "taken":
        return { outcome: "taken", next: now + NUDGE_CLAIM_MS };
      case "refused":
        return { outcome: "failed", next: now + NUDGE_CLAIM_MS };
      default:
        return { outcome: "failed", next: now + 1 };
    }
  }

  /**
   * Claims `what`, runs `send`, and marks it sent; a passing failure gives the claim back for the next
   * minute, a refusal only people can fix keeps it until it lapses, and closed DMs count as done.
   */
  private async sendOnce(
    group: string,
    what: string,
    keepSeconds: number,
    send: () => Promise<"sent" | "closed">,
  ): Promise<Sent> {
    const { store } = this.services;
    if (await store.wasSent(group, what)) return "sent";
    const claim = await store.claimSend(group, what, NUDGE_CLAIM_MS);
    if (!claim) return "taken";
    let result: "sent" | "closed";
    try {
      result = await send();
    } catch (err) {
      this.log.warn({ err, group, what }, "could not send a reminder or digest");
      if (err instanceof PlatformRefusal) return "refused";
      await store.releaseSend(group, what, claim).catch(() => undefined);
      return "failed";
    }
    await store.finishSend(group, what, keepSeconds);
    return result;
  }

  /** Sends a direct message; closed DMs turn the member's reminder and digest off and tell them once. */
  private async direct(
    outbox: Outbox,
    group: string,
    settings: GroupSettings,
    memberId: string,
    message: Message,
  ): Promise<"sent" | "closed"> {
    const place = placeOfGroup(group);
    try {
      await outbox.sendDirect?.({ platform: place.platform, workspace: place.workspace, memberId }, message);
      this.services.metrics.posts.inc({ platform: place.platform, outcome: "sent" });
      return "sent";
    } catch (err) {
      if (!(err instanceof DirectMessagesClosed)) throw err;
    }
    this.log.info({ group, member: memberId }, "direct messages closed: reminder and digest turned off");
    let told = false;
    if (outbox.postPrivately) {
      try {
        await outbox.postPrivately(
          placeOfSettings(group, settings),
          memberId,
          directClosedMessage(place.platform),
        );
        told = true;
      } catch (err) {
        this.log.warn(
          { err, group },
          "could not tell a member their direct messages are closed; told on their next command",
        );
      }
    }
    await this.services.store.closeDirectMessages(group, memberId, !told);
    return "closed";
  }

  private async digest(group: string): Promise<{ outcome: NudgeOutcome; next: number | undefined }> {
    const { store, groups, clock, content, insight } = this.services;
    const settings = await groups.settings(group);
    const outbox = this.services.outboxes.get(placeOfGroup(group).platform);
    const members = await store.digestMembers(group);
    if (!outbox || (members.length === 0 && !settings.digestChannel))
      return { outcome: "off", next: undefined };
    const now = clock.now();
    const occurrence = lastDigest(settings, now);
    const next = () => nextDigest(settings, clock.now());
    if (!occurrence) return { outcome: "not-yet", next: next() };
    const week = isoWeekOf(occurrence.day);
    const from = addDays(occurrence.day, -7);
    const to = addDays(occurrence.day, -1);
    const days = Array.from({ length: 14 }, (_, i) => addDays(occurrence.day, i - 14));
    const stats = await store.dayStats(group, days);
    const before = stats.slice(0, 7);
    const window = stats.slice(7);
    const place = placeOfGroup(group);
    const outcomes: Sent[] = [];
    const direct = this.outbox(group);
    for (const memberId of direct ? members : []) {
      outcomes.push(
        await this.sendOnce(group, `digest:${week}:${memberId}`, DIGEST_SENT_SECONDS, async () => {
          const memberStats = await store.memberStats(group, memberId);
          const streak = liveStreak(memberStats, now, settings);
          const message = memberDigestMessage({
            channel: place.channel,
            from,
            to,
            week: memberWeek(window, memberId),
            streak: streak.current,
            best: memberStats.best,
            dueReviews: await insight.dueReviews(group, memberId, now),
            weakest: await insight.weakestTopics(group, memberId, now, 3),
            freezes: streak.freezes,
            stopAction: stopDigestAction.id([place.workspace, place.channel]),
          });
          const sent = await this.direct(direct as Outbox, group, settings, memberId, message);
          if (sent === "closed") await this.reminderChanged(group, memberId);
          return sent;
        }),
      );
    }
    if (settings.digestChannel) {
      outcomes.push(
        await this.sendOnce(group, `digest:${week}`, DIGEST_SENT_SECONDS, async () => {
          const all = await store.members(group);
          const names = new Map(all.map((m) => [m.memberId, m.name]));
          const summary = groupWeek(window, before);
          // The hardest questions may be the group's own (its bank), which the shipped content lacks.
          const texts = new Map<string, string>();
          for (const { questionId } of summary.hardest) {
            const question =
              content.questions.get(questionId) ?? (await ownQuestion(store, group, questionId));
            if (question) texts.set(questionId, question.question);
          }
          const studied = new Set(summary.answerers);
          for (const m of all) if (m.stats.lastActive && m.stats.lastActive >= from) studied.add(m.memberId);
          await outbox.post(
            placeOfSettings(group, settings),
            groupDigestMessage({
              from,
              to,
              week: summary,
              studied: studied.size,
              questionText: (id) => {
                const text = texts.get(id) ?? "a question no longer in the bank";
                return text.length > 90 ? `${text.slice(0, 89)}…` : text;
              },
              nameOf: (id) => names.get(id) ?? id,
            }),
          );
          return "sent";
        }),
      );
    }
    const worst = (["failed", "refused", "taken"] as const).find((o) => outcomes.includes(o));
    if (worst) return this.after(worst, next);
    return { outcome: "posted", next: next() };
  }
}
