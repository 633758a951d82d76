import cron, { type ScheduledTask } from "node-cron";
import type { Logger } from "pino";
import { planLength } from "../content/loader.ts";
import { actionId } from "../core/command.ts";
import type { Services } from "../core/services.ts";
import { localMinutes } from "../domain/calendar.ts";
import { dailyPostMessage } from "../domain/daily-view.ts";
import { placeOfGroup } from "../domain/groups.ts";
import { planPosition } from "../domain/plan-day.ts";
import { summaryMessage } from "../domain/summary.ts";

export type PostOutcome =
  "posted" | "off" | "not-today" | "not-yet" | "done" | "taken" | "no-platform" | "failed";

/** How long a claim on a day's post lasts before another process may take over a post that never finished. */
export const CLAIM_MS = 2 * 60_000;
const DONE_ACTION = "d.done";

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
    private readonly services: Services,
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
      groups = await this.services.store.groups();
    } catch (err) {
      this.log.warn({ err }, "daily posts: could not list groups; will retry next minute");
      return [];
    }
    const outcomes: PostOutcome[] = [];
    for (const group of groups) outcomes.push(await this.postIfDue(group));
    return outcomes;
  }

  async postIfDue(group: string): Promise<PostOutcome> {
    const { store, content, outboxes, clock } = this.services;
    const place = placeOfGroup(group);
    const outbox = outboxes.get(place.platform);
    if (!outbox) return "no-platform";
    let day: string | undefined;
    try {
      const settings = await this.services.groups.settings(group);
      if (!settings.scheduled || settings.pausedOn) return "off";
      const plan = content.plans.get(settings.plan);
      const now = clock.now();
      const position = plan && planPosition(plan, settings, now);
      if (!plan || position?.status !== "active" || position.restDay) return "not-today";
      if (localMinutes(now, settings.timezone) < minutesOf(settings.postTime)) return "not-yet";
      day = position.today;
      if (await store.dailyPosted(group, day)) return "done";
      if (!(await store.claimDailyPost(group, day, CLAIM_MS))) return "taken";
      const done = actionId(DONE_ACTION, plan.id, position.day);
      await outbox.post(place, dailyPostMessage(plan, position.day, content, done));
      await store.finishDailyPost(group, day);
      this.services.metrics.posts.inc({ platform: place.platform, outcome: "sent" });
      this.log.info({ group, day, planDay: position.day }, "daily post sent");
      if (position.day === planLength(plan)) {
        await outbox
          .post(place, await summaryMessage(this.services, group, settings))
          .catch((err: unknown) => {
            this.log.warn({ err, group }, "could not post the end-of-plan summary");
          });
      }
      return "posted";
    } catch (err) {
      this.services.metrics.posts.inc({ platform: place.platform, outcome: "failed" });
      this.log.warn({ err, group, day }, "daily post failed; it will be retried");
      if (day) await store.releaseDailyPost(group, day).catch(() => undefined);
      return "failed";
    }
  }
}
