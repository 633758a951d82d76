import { z } from "zod";
import type { AppContext } from "../../src/app/app-context.ts";
import { defineCommand, onClick } from "../../src/app/define-command.ts";
import { readTimeOfDay } from "../../src/app/time-of-day.ts";
import { cmd } from "../../src/core/command-token.ts";
import { UserError } from "../../src/core/errors.ts";
import { stopDigestAction } from "./actions.ts";

const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;

const dayName = (n: number) => {
  const name = WEEKDAYS[n - 1] ?? "monday";
  return name.charAt(0).toUpperCase() + name.slice(1);
};

async function stopByButton(ctx: AppContext, [workspace, channel]: [string, string]): Promise<void> {
  const group = `${ctx.place.platform}:${workspace}:${channel}`;
  await ctx.services.store.setDigest(group, ctx.actor.id, false);
  await ctx.services.nudges.digestChanged(group);
  await ctx.update(
    ctx.text(`Weekly digest stopped for <#${channel}>. ${cmd("digest", "on")} there turns it on again.`),
  );
}

export default defineCommand({
  name: "digest",
  description: "Your private weekly summary; organizers set its day and time and the channel's summary",
  args: z.object({
    action: z
      .enum(["status", "on", "off", "schedule", "channel-on", "channel-off"])
      .default("status")
      .describe("on/off for you; schedule, channel-on, channel-off (organizers)"),
    day: z.enum(WEEKDAYS).optional().describe("The digest's weekday (schedule)"),
    time: z
      .string()
      .max(10)
      .optional()
      .describe("The digest's local time, HH:MM (schedule)")
      .meta({ examples: ["09:00"] }),
  }),
  firstReply: ({ action }) => (action === "channel-on" || action === "channel-off" ? "public" : "private"),
  actions: [onClick(stopDigestAction, stopByButton, { firstReply: "update" })],
  async run(ctx, { action, day, time }) {
    const { store, nudges, groups } = ctx.services;
    const settings = await ctx.settings();
    const when = `${dayName(settings.digestDay)}s at ${settings.digestTime} (${settings.timezone})`;
    if (action !== "schedule" && (day !== undefined || time !== undefined))
      throw new UserError(
        "invalid-argument",
        `A day and time go with schedule: ${cmd("digest", "schedule day:monday time:09:00")}.`,
      );
    switch (action) {
      case "on":
      case "off": {
        if (action === "on" && !ctx.event.capabilities.directMessages)
          throw new UserError(
            "direct-messages-unavailable",
            "Weekly digests come as direct messages, and I can't send those here.",
          );
        await store.setDigest(ctx.group, ctx.actor.id, action === "on");
        await nudges.digestChanged(ctx.group);
        await ctx.replyPrivately(
          ctx.text(
            action === "on"
              ? `📬 Weekly digest on: ${when}, a direct message with your week here (answers, accuracy by topic, weakest topics, streak). ${cmd("digest", "off")} or its Stop button ends it.`
              : "Weekly digest off.",
          ),
          "public",
        );
        return;
      }
      case "schedule": {
        await ctx.requireOrganizer("schedule the weekly digest", settings);
        if (day === undefined && time === undefined)
          throw new UserError(
            "missing-argument",
            `Give the day, the time or both: ${cmd("digest", "schedule day:monday time:09:00")}.`,
          );
        const digestTime =
          time === undefined
            ? settings.digestTime
            : readTimeOfDay(time, settings.timezone, cmd("digest", "schedule day:monday time:09:00"));
        const digestDay = day === undefined ? settings.digestDay : WEEKDAYS.indexOf(day) + 1;
        await groups.update(ctx.group, { digestDay, digestTime });
        await ctx.replyPrivately(
          ctx.text(`Weekly digest: ${dayName(digestDay)}s at ${digestTime} (${settings.timezone}).`),
          "public",
        );
        return;
      }
      case "channel-on":
      case "channel-off": {
        await ctx.requireOrganizer("change the channel's weekly summary", settings);
        const on = action === "channel-on";
        await groups.update(ctx.group, { digestChannel: on });
        await ctx.reply(
          ctx.text(
            on
              ? `${ctx.actor.name} turned the weekly summary on: ${when}, this channel gets the week in review (participation, the hardest questions, top improvers).`
              : `${ctx.actor.name} turned the channel's weekly summary off.`,
          ),
        );
        return;
      }
      default: {
        const mine = await store.wantsDigest(ctx.group, ctx.actor.id);
        await ctx.replyPrivately(
          ctx.text(
            `The weekly digest goes out ${when}. Yours is ${mine ? "on" : "off"} (${cmd("digest", mine ? "off" : "on")}); the channel's summary is ${settings.digestChannel ? "on" : "off"}.`,
          ),
          "public",
        );
      }
    }
  },
});
