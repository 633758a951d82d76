import { z } from "zod";
import { defineCommand, onSubmit } from "../../src/app/define-command.ts";
import { choices } from "../../src/app/choices.ts";
import type { AppContext } from "../../src/app/app-context.ts";
import { formatDay, localDay, startForStudyDay } from "../../src/domain/calendar.ts";
import { type GroupSettings, QUIZ_SECONDS_MAX, QUIZ_SECONDS_MIN } from "../../src/app/groups.ts";
import { planPosition, requirePlan } from "../../src/domain/plan-day.ts";
import { cmd } from "../../src/core/command-token.ts";
import { setupFormAction } from "./actions.ts";
import { checkSetup, parseSetup, statusMessage } from "./setup.ts";
import { readSetupForm, setupForm, setupFormError } from "./setup-form.ts";
import { exportMembers } from "./export.ts";
import { summaryMessage } from "./summary-view.ts";

/**
 * Saves a setup and posts the group's status: `change` checks the values against the current settings
 * and gives the change, or throws naming every bad value, with nothing saved.
 */
async function setup(
  ctx: AppContext,
  change: (current: GroupSettings) => Partial<GroupSettings>,
  note = "",
): Promise<void> {
  const { content, groups } = ctx.services;
  const current = await ctx.settings();
  await ctx.requireOrganizer("set the group up", current);
  const patch = change(current);
  const today = localDay(ctx.now, patch.timezone ?? current.timezone);
  // Another plan, or a start from today on, is a new run: check-ins start afresh. A start moved into
  // the past only corrects the calendar, so days already checked in stay checked in.
  const restarts =
    (patch.plan !== undefined && patch.plan !== current.plan) ||
    (patch.startDate !== undefined && patch.startDate !== current.startDate && patch.startDate >= today);
  if (restarts) {
    patch.run = current.run + 1;
    patch.startDate ??= today;
  }
  let organizer = current.organizer;
  if (!organizer) {
    // The first to set the group up becomes its organizer; of two at once, only one (HSETNX).
    organizer = (await ctx.services.store.ensureGroup(ctx.group, { organizer: ctx.actor.id })).organizer;
    if (organizer !== ctx.actor.id) await ctx.requireOrganizer("set the group up", { ...current, organizer });
  }
  patch.scheduled = true;
  if (ctx.place.route) patch.route = ctx.place.route;
  await groups.update(ctx.group, patch);
  const next = { ...current, ...patch, organizer };
  const first = !current.scheduled ? " Daily posts are on." : "";
  const fresh = restarts ? " Check-ins start afresh; points and streaks are kept." : "";
  await ctx.reply(
    statusMessage(
      content,
      next,
      ctx.now,
      `Saved by ${ctx.actor.name}; changes apply at once.${first}${fresh}${note}`,
    ),
  );
}

/** Opens the setup form, filled with the group's current values. */
async function openSetupForm(ctx: AppContext): Promise<void> {
  const current = await ctx.settings();
  await ctx.requireOrganizer("set the group up", current);
  await ctx.openForm(setupForm(ctx.services.content, current, ctx.event.capabilities.formFields));
}

async function submitSetup(ctx: AppContext, _parts: [], values: Record<string, string>): Promise<void> {
  await setup(ctx, (current) => {
    const read = readSetupForm(values);
    const checked = checkSetup(read.input, ctx.services.content, current, ctx.now);
    const problems = { ...checked.problems, ...read.problems };
    if (Object.keys(problems).length > 0) throw setupFormError(problems);
    return checked.patch;
  });
}

async function pause(ctx: AppContext): Promise<void> {
  const settings = await ctx.settings();
  await ctx.requireOrganizer("pause the group", settings);
  if (settings.pausedOn) {
    await ctx.replyPrivately(ctx.text(`The group is already paused (since ${settings.pausedOn}).`), "public");
    return;
  }
  const today = localDay(ctx.now, settings.timezone);
  await ctx.services.groups.update(ctx.group, { pausedOn: today });
  await ctx.reply(
    ctx.text(
      `Paused by ${ctx.actor.name}: no daily posts, and the plan waits on its current day. ${cmd("studygroup", "resume")} continues.`,
    ),
  );
}

async function resume(ctx: AppContext): Promise<void> {
  const settings = await ctx.settings();
  await ctx.requireOrganizer("resume the group", settings);
  if (!settings.pausedOn) {
    await ctx.replyPrivately(ctx.text("The group is not paused."), "public");
    return;
  }
  const today = localDay(ctx.now, settings.timezone);
  const plan = requirePlan(ctx.services.content, settings.plan);
  const atPause = planPosition(plan, settings, ctx.now);
  let startDate = settings.startDate;
  // The plan picks up on the day after the one it paused on.
  if (atPause.status === "active" && settings.pausedOn < today) {
    startDate = startForStudyDay(today, atPause.day + 1, settings.weekdaysOnly);
  }
  await ctx.services.groups.update(ctx.group, { pausedOn: undefined, startDate });
  const position = planPosition(plan, { ...settings, pausedOn: undefined, startDate }, ctx.now);
  const where = position.status === "active" ? ` We are on day ${position.day}.` : "";
  await ctx.reply(ctx.text(`Resumed by ${ctx.actor.name}.${where}`));
}

async function reset(ctx: AppContext): Promise<void> {
  const settings = await ctx.settings();
  await ctx.requireOrganizer("restart the plan", settings);
  const today = localDay(ctx.now, settings.timezone);
  const restarted = { ...settings, startDate: today, pausedOn: undefined, run: settings.run + 1 };
  await ctx.services.groups.update(ctx.group, { startDate: today, pausedOn: undefined, run: restarted.run });
  const position = planPosition(requirePlan(ctx.services.content, settings.plan), restarted, ctx.now);
  const first =
    position.status === "before" ? `day 1 is ${formatDay(position.startDate)}` : "today is day 1 again";
  await ctx.reply(ctx.text(`${ctx.actor.name} restarted the plan: ${first}. Points and streaks are kept.`));
}

export default defineCommand({
  name: "studygroup",
  description: "Set up the study group in this channel, or see its settings",
  args: z.object({
    action: z
      .enum(["status", "setup", "pause", "resume", "reset", "summary", "export"])
      .default("status")
      .describe("status (everyone), or setup, pause, resume, reset, summary, export (organizers)"),
    time: z
      .string()
      .max(10)
      .optional()
      .describe("Daily post time, HH:MM (24-hour)")
      .meta({ examples: ["08:30"] }),
    timezone: z
      .string()
      .max(64)
      .optional()
      .describe("IANA time zone, like Europe/Berlin")
      .meta({ examples: ["Europe/Berlin"] }),
    plan: z
      .string()
      .max(64)
      .optional()
      .describe("Study plan id")
      .meta({ examples: ["node-30-day"] }),
    start: z
      .string()
      .max(20)
      .optional()
      .describe("Start date YYYY-MM-DD, today or tomorrow")
      .meta({ examples: ["today"] }),
    days: z.enum(["every", "weekdays"]).optional().describe("Post every day or on weekdays only"),
    quiz: z
      .number()
      .int()
      .min(QUIZ_SECONDS_MIN)
      .max(QUIZ_SECONDS_MAX)
      .optional()
      .describe("Quiz round length in seconds")
      .meta({ examples: [90] }),
  }),
  autocomplete: {
    plan: choices.plans,
    timezone: choices.timezones,
  },
  forms: [onSubmit(setupFormAction, submitSetup)],
  // The status, and settings given without setup, go to the member alone.
  firstReply: ({ action, ...values }) => {
    const hasValues = Object.values(values).some((v) => v !== undefined);
    if (action === "status" || action === "export" || (action !== "setup" && hasValues)) return "private";
    // Setup with no values opens the form where the platform has forms.
    return action === "setup" && !hasValues ? "form" : "public";
  },
  async run(ctx, args) {
    const { action, ...values } = args;
    const hasValues = Object.values(values).some((v) => v !== undefined);
    if (hasValues && action !== "setup") {
      await ctx.replyPrivately(
        ctx.text(
          `Settings go with setup: ${cmd("studygroup", "setup time:08:30 …")} (you asked for ${action}).`,
        ),
        "public",
      );
      return;
    }
    switch (action) {
      case "setup":
        if (!hasValues && ctx.event.capabilities.forms) return openSetupForm(ctx);
        return setup(
          ctx,
          (current) => parseSetup(values, ctx.services.content, current, ctx.now),
          hasValues
            ? ""
            : ` To change a setting, type it: ${cmd("studygroup", "setup time:08:30 timezone:Europe/Berlin")}.`,
        );
      case "pause":
        return pause(ctx);
      case "resume":
        return resume(ctx);
      case "reset":
        return reset(ctx);
      case "export":
        return exportMembers(ctx);
      case "summary": {
        const settings = await ctx.settings();
        await ctx.requireOrganizer("post the summary", settings);
        await ctx.reply(await summaryMessage(ctx.services, ctx.group, settings));
        return;
      }
      default:
        await ctx.replyPrivately(
          statusMessage(ctx.services.content, await ctx.settings(), ctx.now),
          "public",
        );
    }
  },
});
