import { z } from "zod";
import type { AppContext } from "../../src/app/app-context.ts";
import { creditFor, days } from "../../src/app/credit.ts";
import { defineCommand, onClick } from "../../src/app/define-command.ts";
import { planRun } from "../../src/app/groups.ts";
import { planLength } from "../../src/domain/plan-day.ts";
import { cmd } from "../../src/core/command-token.ts";
import { UserError, unknownAction } from "../../src/core/errors.ts";
import { formatDay } from "../../src/domain/calendar.ts";
import { dayOfPlan, planPosition, requirePlan } from "../../src/domain/plan-day.ts";
import { doneAction } from "./actions.ts";
import { dayMessage, mockKitMessage } from "./view.ts";

async function showDay(ctx: AppContext, requested: number | undefined): Promise<void> {
  const settings = await ctx.settings();
  const plan = requirePlan(ctx.services.content, settings.plan);
  const length = planLength(plan);
  const position = planPosition(plan, settings, ctx.now);
  if (requested !== undefined && requested > length) {
    throw new UserError(
      "day-out-of-plan",
      `The plan "${plan.title}" has ${length} days; day must be between 1 and ${length}.`,
    );
  }
  const today = position.status === "active" ? position.day : undefined;
  if (requested === undefined && position.status === "before") {
    await ctx.reply(
      ctx.text(
        `The plan **${plan.title}** starts on ${formatDay(position.startDate)}. Preview a day with ${cmd("daily", "<day>")}.`,
      ),
    );
    return;
  }
  if (requested === undefined && position.status === "finished") {
    await ctx.reply(
      ctx.text(
        `The plan **${plan.title}** finished on ${formatDay(position.lastDate)}. Revisit any day with ${cmd("daily", "<day>")}, or ask an organizer to restart it.`,
      ),
    );
    return;
  }
  const day = requested ?? (today as number);
  const reachable = position.status === "finished" || (today !== undefined && day <= today);
  const done = reachable ? doneAction.id([plan.id, day]) : undefined;
  const message =
    dayOfPlan(plan, day)?.kind === "mock" && reachable
      ? mockKitMessage(plan, day, ctx.services.content, done)
      : dayMessage(plan, day, { today, doneAction: done });
  const notes = [
    settings.pausedOn
      ? `The group is paused (since ${formatDay(settings.pausedOn)}); the plan waits on this day.`
      : "",
    position.status === "active" && position.restDay && requested === undefined
      ? "No new topic today (weekdays only): here is the latest one."
      : "",
  ].filter(Boolean);
  if (notes.length > 0) message.blocks.push({ type: "context", text: notes.join(" ") });
  await ctx.reply(message);
}

async function checkIn(ctx: AppContext, [planId, day]: [string, number]): Promise<void> {
  const plan = ctx.services.content.plans.get(planId);
  if (!plan || day > planLength(plan)) throw unknownAction();
  const settings = await ctx.settings();
  if (settings.plan !== plan.id)
    throw new UserError("plan-changed", "This button belongs to a plan the group no longer follows.");
  const position = planPosition(plan, settings, ctx.now);
  if (position.status === "before" || (position.status === "active" && day > position.day)) {
    throw new UserError("day-not-yet", `Day ${day} has not come yet; you can check in for it on its day.`);
  }
  const credit = creditFor(ctx.actor, ctx.now, settings);
  const result = await ctx.services.store.checkIn(ctx.group, planRun(settings), day, credit);
  const streak = `Streak: ${days(result.streak)}.`;
  await ctx.replyPrivately(
    ctx.text(
      result.status === "recorded"
        ? `Checked in for day ${day}: +${result.points} points. ${streak}`
        : `You already checked in for day ${day}; today still counts for your streak. ${streak}`,
    ),
    "public",
  );
}

export default defineCommand({
  name: "daily",
  description: "Today's topic from the group's study plan",
  args: z.object({
    day: z
      .number()
      .int()
      .min(1)
      .max(366)
      .optional()
      .describe("Show another day of the plan instead of today"),
  }),
  run: (ctx, args) => showDay(ctx, args.day),
  actions: [onClick(doneAction, checkIn)],
});
