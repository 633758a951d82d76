import cron, { type ScheduledTask } from "node-cron";
import type { Logger } from "pino";
import { planLength } from "../content/loader.ts";
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

interface Due {
  settings: GroupSettings;
  plan: Plan;
  /** The local date of the post. */
  day: string;
  planDay: number;
}

export type PostOutcome =
  "posted" | "off" | "not-today" | "not-yet" | "done" | "taken" | "no-platform" | "failed";

/** How long a claim on a day's post lasts before another process may take over a post that never finished. */
export const CLAIM_MS = 10 * 60_000;
/** Groups checked at once; the platform clients queue and pace the posts themselves. */
const CONCURRENCY = 8;

function minutesOf(time: string): number {
  const [h = "0", m = "0"] = time.split(":");
  return Number(h) * 60 + Number(m);
}

/**
 * Posts each scheduled group's day once its local time reaches the group's post time, in the
 * group's zone (luxon, so clock changes are handled: a post time skipped by a spring-forward posts
 * at the first minute after it, and a repeated hour posts once). A node-cron task ticks every
 * minute in every process; a Redis claim per group and day makes exactly one of them post. Because
 * every tick reads the settings afresh, a change applies at the next minute in every process, and
 * the tick on start makes up for a post missed while the bot was down.
 */
export class DailyPoster {
  private task?: ScheduledTask;
  private running?: Promise<PostOutcome[]>;

  constructor(
    private readonly services: AppServices,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.task = cron.schedule("* * * * *", () => this.tick(), { name: "daily-posts", noOverlap: true });
    void this.tick();
  }

  async stop(): Promise<void> {
    await this.task?.destroy();
    await this.running;
  }

  /** Checks every group once; concurrent calls share the running pass. */
  tick(): Promise<PostOutcome[]> {
    this.running ??= this.pass().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async pass(): Promise<PostOutcome[]> {
    let groups: string[];
    try {
      groups = await this.services.store.scheduledGroups();
    } catch (err) {
      this.log.warn({ err }, "daily posts: could not list groups; will retry next minute");
      return [];
    }
    const outcomes: PostOutcome[] = new Array(groups.length);
    let next = 0;
    const worker = async () => {
      while (next < groups.length) {
        const i = next++;
        outcomes[i] = await this.postIfDue(groups[i] as string);
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, groups.length) }, worker));
    return outcomes;
  }

  /** What is due for a group now: the day's post, or why nothing is. */
  private async due(group: string): Promise<Due | PostOutcome> {
    const settings = await this.services.groups.settings(group);
    if (!settings.scheduled || settings.pausedOn) return "off";
    const plan = this.services.content.plans.get(settings.plan);
    const now = this.services.clock.now();
    const position = plan && planPosition(plan, settings, now);
    if (!plan || position?.status !== "active" || position.restDay) return "not-today";
    if (localMinutes(now, settings.timezone) < minutesOf(settings.postTime)) return "not-yet";
    if (await this.services.store.dailyPosted(group, position.today)) return "done";
    return { settings, plan, day: position.today, planDay: position.day };
  }

  async postIfDue(group: string): Promise<PostOutcome> {
    const { store, content, outboxes, metrics } = this.services;
    const place = placeOfGroup(group);
    const outbox = outboxes.get(place.platform);
    if (!outbox) return "no-platform";
    let due: Due | PostOutcome;
    let claimed: { day: string; claim: string } | undefined;
    try {
      due = await this.due(group);
      if (typeof due === "string") return due;
      const claim = await store.claimDailyPost(group, due.day, CLAIM_MS);
      if (!claim) return "taken";
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
      } else if (claimed) {
        await store.releaseDailyPost(group, claimed.day, claimed.claim).catch(() => undefined);
      }
      return "failed";
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
    return "posted";
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
