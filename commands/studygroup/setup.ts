import type { Content } from "../../src/content/model.ts";
import { planLength } from "../../src/domain/plan-day.ts";
import { cmd } from "../../src/core/command-token.ts";
import { UserError } from "../../src/core/errors.ts";
import type { Message } from "../../src/core/model.ts";
import { addDays, canonicalZone, formatDay, isValidDay, localDay } from "../../src/domain/calendar.ts";
import { type GroupSettings, POST_TIME } from "../../src/app/groups.ts";
import { planPosition } from "../../src/domain/plan-day.ts";
import { suggestZones } from "../../src/domain/zone-suggestions.ts";

export interface SetupInput {
  time?: string;
  timezone?: string;
  plan?: string;
  start?: string;
  days?: "every" | "weekdays";
  quiz?: number;
}

/** A setup value's name, as typed (`time:08:30`) and as a form field's id. */
export type SetupField = keyof SetupInput;

/** What is wrong with each bad value, by field, said after the value ('"25:00" is not a time of day…'). */
export type SetupProblems = Partial<Record<SetupField, string>>;

function zoneProblem(typed: string): string {
  const meant = suggestZones(typed);
  return meant.length > 0
    ? `"${typed}" is not an IANA time zone: did you mean ${meant.join(" or ")}?`
    : `"${typed}" is not an IANA time zone: use a name like Europe/Berlin, America/New_York or Asia/Kolkata`;
}

/**
 * Checks every setup value: the change the valid ones make, and what is wrong with each bad one.
 * Typed options and the setup form are checked alike.
 */
export function checkSetup(
  input: SetupInput,
  content: Content,
  current: GroupSettings,
  now: number,
): { patch: Partial<GroupSettings>; problems: SetupProblems } {
  const problems: SetupProblems = {};
  const patch: Partial<GroupSettings> = {};
  if (input.time !== undefined) {
    const time = /^\d:\d\d$/.test(input.time.trim()) ? `0${input.time.trim()}` : input.time.trim();
    if (POST_TIME.test(time)) patch.postTime = time;
    else problems.time = `"${input.time}" is not a time of day: use HH:MM from 00:00 to 23:59, like 08:30`;
  }
  if (input.timezone !== undefined) {
    const zone = canonicalZone(input.timezone);
    if (zone) patch.timezone = zone;
    else problems.timezone = zoneProblem(input.timezone);
  }
  if (input.plan !== undefined) {
    const plan = input.plan.trim().toLowerCase();
    if (content.plans.has(plan)) patch.plan = plan;
    else problems.plan = `"${input.plan}" is not one of: ${[...content.plans.keys()].sort().join(", ")}`;
  }
  if (input.start !== undefined) {
    const zone = patch.timezone ?? current.timezone;
    const today = localDay(now, zone);
    const start = input.start.trim().toLowerCase();
    const date = start === "today" ? today : start === "tomorrow" ? addDays(today, 1) : start;
    if (isValidDay(date)) patch.startDate = date;
    else
      problems.start = `"${input.start}" is not a date: use YYYY-MM-DD (like ${addDays(today, 1)}), today or tomorrow`;
  }
  if (input.days !== undefined) patch.weekdaysOnly = input.days === "weekdays";
  if (input.quiz !== undefined) patch.quizSeconds = input.quiz;
  return { patch, problems };
}

/**
 * Checks every typed setup value and returns the complete change, or throws one UserError naming every
 * bad value and what is allowed. Nothing is saved unless everything is valid.
 */
export function parseSetup(
  input: SetupInput,
  content: Content,
  current: GroupSettings,
  now: number,
): Partial<GroupSettings> {
  const { patch, problems } = checkSetup(input, content, current, now);
  const named = Object.entries(problems).map(([field, problem]) => `${field} ${problem}`);
  if (named.length > 0) throw new UserError("invalid-setup", `Nothing was changed. ${named.join("; ")}.`);
  return patch;
}

export function statusMessage(
  content: Content,
  settings: GroupSettings,
  now: number,
  note?: string,
): Message {
  const plan = content.plans.get(settings.plan);
  const position = plan ? planPosition(plan, settings, now) : undefined;
  const where =
    !plan || !position
      ? "unknown plan"
      : position.status === "before"
        ? `starts ${formatDay(position.startDate)}`
        : position.status === "finished"
          ? `finished ${formatDay(position.lastDate)}`
          : `day ${position.day} of ${planLength(plan)}`;
  const posts = !settings.scheduled
    ? `off (an organizer turns them on with ${cmd("studygroup", "setup")})`
    : settings.pausedOn
      ? `paused since ${formatDay(settings.pausedOn)}`
      : `${settings.postTime} ${settings.timezone}, ${settings.weekdaysOnly ? "weekdays only" : "every day"}`;
  return {
    blocks: [
      { type: "header", text: "Study group settings" },
      ...(note ? [{ type: "text" as const, text: note }] : []),
      ...(settings.postProblem
        ? [
            {
              type: "text" as const,
              text: `⚠️ The last daily post failed: ${settings.postProblem} It is retried every minute.`,
            },
          ]
        : []),
      {
        type: "section",
        fields: [
          { label: "Plan", value: `${plan?.title ?? settings.plan} (\`${settings.plan}\`)`, inline: true },
          { label: "Where we are", value: where, inline: true },
          { label: "Started", value: formatDay(settings.startDate), inline: true },
          { label: "Daily post", value: posts, inline: true },
          { label: "Time zone", value: settings.timezone, inline: true },
          { label: "Quiz rounds", value: `${settings.quizSeconds} s`, inline: true },
        ],
      },
      {
        type: "context",
        text: `Organizers: ${cmd("studygroup", "setup time:08:30 timezone:Europe/Berlin plan:node-30-day start:today days:weekdays quiz:90")}`,
      },
    ],
    fallback: `Study group: ${settings.plan}, ${where}`,
  };
}
