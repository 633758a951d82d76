import { z } from "zod";
import type { AppContext } from "../../src/app/app-context.ts";
import { defineCommand, onClick } from "../../src/app/define-command.ts";
import { readTimeOfDay } from "../../src/app/time-of-day.ts";
import { cmd } from "../../src/core/command-token.ts";
import { UserError } from "../../src/core/errors.ts";
import { stopRemindersAction } from "./actions.ts";

/** Direct messages are how reminders reach a member: refused clearly where the platform has none. */
export function requireDirectMessages(ctx: AppContext, what: string): void {
  if (ctx.event.capabilities.directMessages) return;
  throw new UserError(
    "direct-messages-unavailable",
    `${what} come as direct messages, and I can't send those here.`,
  );
}

async function stopByButton(ctx: AppContext, [workspace, channel]: [string, string]): Promise<void> {
  const group = `${ctx.place.platform}:${workspace}:${channel}`;
  await ctx.services.store.setReminder(group, ctx.actor.id, undefined);
  await ctx.services.nudges.reminderChanged(group, ctx.actor.id);
  await ctx.update(
    ctx.text(`Reminders stopped for <#${channel}>. ${cmd("remind", "at 19:30")} there turns them on again.`),
  );
}

export default defineCommand({
  name: "remind",
  description: "A private nudge at a time you choose on days you have not studied yet",
  args: z.object({
    action: z
      .enum(["status", "at", "off"])
      .default("status")
      .describe("at HH:MM turns your daily reminder on (or moves it), off stops it"),
    time: z
      .string()
      .max(10)
      .optional()
      .describe("Local time, HH:MM (24-hour, the group's time zone)")
      .meta({ examples: ["19:30"] }),
  }),
  firstReply: "private",
  actions: [onClick(stopRemindersAction, stopByButton, { firstReply: "update" })],
  async run(ctx, { action, time }) {
    const { store, nudges } = ctx.services;
    const settings = await ctx.settings();
    if (action !== "at" && time !== undefined)
      throw new UserError(
        "invalid-argument",
        `A time goes with "at": ${cmd("remind", `at ${time}`)}. ${cmd("remind", "off")} takes none.`,
      );
    if (action === "at") {
      requireDirectMessages(ctx, "Reminders");
      if (time === undefined)
        throw new UserError(
          "missing-time",
          `Give the time for your reminder: ${cmd("remind", "at 19:30")} (24-hour, ${settings.timezone}).`,
        );
      const at = readTimeOfDay(time, settings.timezone, cmd("remind", "at 19:30"));
      await store.setReminder(ctx.group, ctx.actor.id, at);
      await nudges.reminderChanged(ctx.group, ctx.actor.id);
      const days = settings.weekdaysOnly ? "on weekdays" : "each day";
      await ctx.replyPrivately(
        ctx.text(
          `⏰ Reminder set: at ${at} (${settings.timezone}) ${days} you have not studied yet, I'll send you a direct message, at most once a day. ${cmd("remind", "off")} or its Stop button ends it.`,
        ),
        "public",
      );
      return;
    }
    if (action === "off") {
      const had = await store.reminderOf(ctx.group, ctx.actor.id);
      await store.setReminder(ctx.group, ctx.actor.id, undefined);
      await nudges.reminderChanged(ctx.group, ctx.actor.id);
      await ctx.replyPrivately(
        ctx.text(
          had ? "Reminders stopped." : `You had no reminder here. ${cmd("remind", "at 19:30")} sets one.`,
        ),
        "public",
      );
      return;
    }
    const current = await store.reminderOf(ctx.group, ctx.actor.id);
    await ctx.replyPrivately(
      ctx.text(
        current
          ? `Your reminder is at ${current} (${settings.timezone}) on days you have not studied yet. ${cmd("remind", "off")} stops it.`
          : `Reminders are off for you. ${cmd("remind", "at 19:30")} sends you a private nudge at 19:30 (${settings.timezone}) on days you have not studied yet.`,
      ),
      "public",
    );
  },
});
