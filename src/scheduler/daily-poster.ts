import cron, { type ScheduledTask } from "node-cron";
import type { Logger } from "pino";
import { planLength } from "../domain/plan-day.ts";
import type { AppServices } from "../app/services.ts";
import { PlatformRefusal } from "../core/errors.ts";
import { localMinutes } from "../domain/calendar.ts";
import { doneAction } from "../../commands/daily/actions.ts";
import { dailyPostMessage } from "../../commands/daily/view.ts";
import { placeOfGroup } from "../core/group-key.ts";
import { type GroupSettings, placeOfSettings } from "../app/groups.ts";
import type { Plan } from "../content/schemas.ts";
import { planPosition } from "../domain/plan-day.ts";
import { summaryMessage } from "../../commands/studygroup/summary-view.ts";
import { nextPostCheck } from "./next-post.ts";
import { ScheduleIndex } from "./schedule-index.ts";
import { parseNudgeEntry } from "../store/nudges-redis.ts";
import { NudgeSender } from "./nudges.ts";

interface Due {
  settings: GroupSettings;
  plan: Plan;
  /** The local date of the post. */
  day: string;
  planDay: number;
}

/** What a look at a schedule entry found; "studied" and "closed" are a reminder's or a digest's own. */
export type PostOutcome =
  | "posted"
  | "off"
  | "not-today"
  | "not-yet"
  | "done"
  | "taken"
  | "no-platform"
  | "failed"
  | "studied"
  | "closed";

/** How long a claim on a day's post lasts before another process may take over a post that never finished. */
export const CLAIM_MS = 10 * 60_000;
/** Groups checked at once; the platform clients queue and pace the posts themselves. */
const CONCURRENCY = 8;
/**
 * How long a group taken from the schedule stays this process's before another may take it: long
 * enough for a post, short enough that a process dying mid-post delays it little (its day's claim
 * still keeps anyone from posting twice).
 */
export const LEASE_MS = 2 * 60_000;

/** What one look at a group found, with what the next check is computed from. */
interface Look {
  outcome: PostOutcome;
  settings?: GroupSettings;
  plan?: Plan;
  /** The platform refused: the claim is kept until it lapses. */
  refused?: boolean;
}

function minutesOf(time: string): number {
  const [h = "0", m = "0"] = time.split(":");
  return Number(h) * 60 + Number(m);
}

/**
 * Posts each scheduled group's day once its local time reaches the group's post time, in the
 * group's zone (luxon, so clock changes are handled: a post time skipped by a spring-forward posts
 * at the first minute after it, and a repeated hour posts once). A node-cron task ticks every
 * minute in every process and takes from the store's schedule only the groups whose next check has
 * come (one round trip when none has), a few at a time, each under a short lease, so processes share
 * the due posts; a Redis claim per group and day still makes exactly one of them post. A settings
 * change moves the group's check at once (see ScheduleIndex), and the tick on start makes up for a
 * post missed while the bot was down, after adding any group laid out before the schedule existed.
 */
export class DailyPoster {
  private task?: ScheduledTask;
  private running?: Promise<PostOutcome[]>;
  private following?: Promise<PostOutcome[]>;
  /** Started processes add older groups to the schedule once, in their first pass that reaches Redis. */
  private started = false;
  private adopted = false;
  readonly schedule: ScheduleIndex;
  /** Members' reminders and the weekly digests, which ride the same schedule. */
  readonly nudges: NudgeSender;

  constructor(
    private readonly services: AppServices,
    private readonly log: Logger,
  ) {
    this.schedule = new ScheduleIndex(services);
    this.nudges = new NudgeSender(services, log);
    services.groups.onScheduleChange(async (group) => {
      await this.schedule.reindex(group);
      await this.nudges.groupChanged(group);
    });
  }

  start(): void {
    this.started = true;
    this.task = cron.schedule("* * * * *", () => this.tick(), { name: "daily-posts", noOverlap: true });
    void this.tick();
  }

  async stop(): Promise<void> {
    await this.task?.destroy();
    await this.following;
    await this.running;
  }

  /**
   * Handles every group that is due. A call while a pass runs also gets the one pass that follows
   * it (shared by every such call), so what fell due after the running pass began is not missed;
   * it resolves with the outcomes of both.
   */
  tick(): Promise<PostOutcome[]> {
    if (this.running) {
      const next = async (earlier: PostOutcome[]) => [...earlier, ...(await this.startPass())];
      this.following ??= this.running.then(next, () => next([]));
      return this.following;
    }
    return this.startPass();
  }

  private startPass(): Promise<PostOutcome[]> {
    this.following = undefined;
    this.running = this.pass().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async pass(): Promise<PostOutcome[]> {
    if (this.started && !this.adopted) await this.adopt();
    const now = this.services.clock.now();
    const platforms = [...this.services.outboxes.keys()];
    const outcomes: PostOutcome[] = [];
    const queue: string[] = [];
    let exhausted = false;
    let taking: Promise<void> | undefined;
    const take = async () => {
      try {
        const groups = await this.services.store.takeDuePostChecks(
          platforms,
          now,
          now + LEASE_MS,
          CONCURRENCY,
        );
        queue.push(...groups);
        if (groups.length === 0) exhausted = true;
      } catch (err) {
        exhausted = true;
        this.log.warn({ err }, "daily posts: could not read the schedule; will retry next minute");
      }
    };
    const worker = async () => {
      for (;;) {
        while (queue.length === 0 && !exhausted) {
          taking ??= take().finally(() => {
            taking = undefined;
          });
          await taking;
        }
        const group = queue.shift();
        if (group === undefined) return;
        outcomes.push(await this.handle(group, now + LEASE_MS));
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    return outcomes;
  }

  private async adopt(): Promise<void> {
    try {
      const adopted = await this.schedule.adoptUnindexed();
      this.adopted = true;
      if (adopted > 0)
        this.log.info({ adopted }, "daily posts: older scheduled groups added to the schedule");
    } catch (err) {
      this.log.warn(
        { err },
        "daily posts: could not add older groups to the schedule; will retry next minute",
      );
    }
  }

  /** Looks at a group taken from the schedule, then sets its next check unless it was moved meanwhile. */
  private async handle(group: string, lease: number): Promise<PostOutcome> {
    const nudge = parseNudgeEntry(group);
    if (nudge) return this.nudges.handle(nudge, lease);
    const look = await this.look(group);
    const now = this.services.clock.now();
    let next: number | undefined;
    if (look.outcome === "taken" || look.refused) next = now + CLAIM_MS;
    else if (look.outcome === "failed" || look.outcome === "no-platform" || !look.settings) next = now + 1;
    else {
      const done = look.outcome === "posted" || look.outcome === "done";
      next = nextPostCheck(look.plan, look.settings, now, done);
      // Never due again within this pass: a look that found nothing due waits for the next tick.
      if (next !== undefined && next <= now) next = now + 1;
    }
    try {
      await this.services.store.setNextPostCheck(group, lease, next);
    } catch (err) {
      this.log.warn({ err, group }, "daily posts: could not set the next check; the lease will lapse");
    }
    return look.outcome;
  }

  /** What is due for a group now: the day's post, or why nothing is. */
  private async due(group: string, now: number): Promise<Due | Look> {
    const settings = await this.services.groups.settings(group);
    const plan = this.services.content.plans.get(settings.plan);
    if (!settings.scheduled || settings.pausedOn) return { outcome: "off", settings, plan };
    const position = plan && planPosition(plan, settings, now);
    if (!plan || position?.status !== "active" || position.restDay)
      return { outcome: "not-today", settings, plan };
    if (localMinutes(now, settings.timezone) < minutesOf(settings.postTime))
      return { outcome: "not-yet", settings, plan };
    if (await this.services.store.dailyPosted(group, position.today))
      return { outcome: "done", settings, plan };
    return { settings, plan, day: position.today, planDay: position.day };
  }

  /** Posts the group's day if it is due now; the schedule is not touched. */
  async postIfDue(group: string): Promise<PostOutcome> {
    return (await this.look(group)).outcome;
  }

  private async look(group: string): Promise<Look> {
    const { store, content, outboxes, metrics } = this.services;
    const place = placeOfGroup(group);
    const outbox = outboxes.get(place.platform);
    if (!outbox) return { outcome: "no-platform" };
    let due: Due | Look;
    let claimed: { day: string; claim: string } | undefined;
    try {
      due = await this.due(group, this.services.clock.now());
      if ("outcome" in due) return due;
      const claim = await store.claimDailyPost(group, due.day, CLAIM_MS);
      if (!claim) return { outcome: "taken", settings: due.settings, plan: due.plan };
      claimed = { day: due.day, claim };
      const done = doneAction.id([due.plan.id, due.planDay]);
      await outbox.post(
        placeOfSettings(group, due.settings),
        dailyPostMessage(due.plan, due.planDay, content, done),
      );
    } catch (err) {
      metrics.posts.inc({ platform: place.platform, outcome: "failed" });
      this.log.warn({ err, group }, "daily post failed; it will be retried");
      if (err instanceof PlatformRefusal) {
        // A problem the organizer must fix (the bot not in the channel, a revoked token): say so in
        // /studygroup status, and keep the claim so the next try waits for it to lapse, not a minute.
        await this.services.groups.update(group, { postProblem: err.message }).catch(() => undefined);
        return { outcome: "failed", refused: true };
      } else if (claimed) {
        await store.releaseDailyPost(group, claimed.day, claimed.claim).catch(() => undefined);
      }
      return { outcome: "failed" };
    }
    // Posted: from here on the claim is never released, so no other process can post the day again.
    await this.markPosted(group, due.day);
    if (due.settings.postProblem)
      await this.services.groups.update(group, { postProblem: undefined }).catch(() => undefined);
    metrics.posts.inc({ platform: place.platform, outcome: "sent" });
    this.log.info({ group, day: due.day, planDay: due.planDay }, "daily post sent");
    if (due.planDay === planLength(due.plan)) {
      try {
        await outbox.post(
          placeOfSettings(group, due.settings),
          await summaryMessage(this.services, group, due.settings),
        );
      } catch (err) {
        this.log.warn({ err, group }, "could not post the end-of-plan summary");
      }
    }
    return { outcome: "posted", settings: due.settings, plan: due.plan };
  }

  /** Marks the day posted, retrying a few times; if Redis stays away the claim simply lapses after CLAIM_MS. */
  private async markPosted(group: string, day: string): Promise<void> {
    for (let attempt = 1; attempt <= 3; attempt++) {
      try {
        await this.services.store.finishDailyPost(group, day);
        return;
      } catch (err) {
        this.log.warn({ err, group, day, attempt }, "could not mark the daily post as sent");
        await new Promise((r) => setTimeout(r, 500 * attempt));
      }
    }
  }
}
