import type { Content } from "../../src/content/model.ts";
import { FormError } from "../../src/core/errors.ts";
import type { Form, FormField } from "../../src/core/model.ts";
import { type GroupSettings, QUIZ_SECONDS_MAX, QUIZ_SECONDS_MIN } from "../../src/app/groups.ts";
import { setupFormAction } from "./actions.ts";
import type { SetupField, SetupInput, SetupProblems } from "./setup.ts";

/** Round lengths offered in the form; the typed option takes any from 10 s to an hour. */
const ROUND_SECONDS = [30, 45, 60, 90, 120, 180, 300, 600];

function seconds(n: number): string {
  if (n < 60 || n % 60 !== 0) return `${n} seconds`;
  return n === 60 ? "1 minute" : `${n / 60} minutes`;
}

const LABELS: Record<SetupField, string> = {
  time: "Daily post time (HH:MM, 24-hour)",
  timezone: "Time zone",
  plan: "Study plan",
  start: "Start date (YYYY-MM-DD)",
  days: "Post on",
  quiz: "Quiz round length",
};

/**
 * The organizer's setup form, filled with the group's current values. Where a platform's forms hold
 * fewer fields than six (Discord's modals: five), the round length is left out: it is the setting
 * changed least, and `quiz:` still sets it when typed.
 */
export function setupForm(content: Content, settings: GroupSettings, maxFields = Infinity): Form {
  const rounds = [...new Set([...ROUND_SECONDS, settings.quizSeconds])].sort((a, b) => a - b);
  const fields: FormField[] = [
    { id: "time", label: LABELS.time, initial: settings.postTime, placeholder: "08:30", maxLength: 5 },
    {
      id: "timezone",
      kind: "search",
      label: LABELS.timezone,
      initial: settings.timezone,
      placeholder: "Europe/Berlin",
      maxLength: 64,
      suggest: { command: "studygroup", option: "timezone" },
    },
    {
      id: "plan",
      kind: "select",
      label: LABELS.plan,
      initial: settings.plan,
      options: [...content.plans.values()].map((p) => ({ label: p.title, value: p.id })),
    },
    {
      id: "start",
      label: LABELS.start,
      initial: settings.startDate,
      placeholder: "YYYY-MM-DD, today or tomorrow",
      maxLength: 20,
    },
    {
      id: "days",
      kind: "select",
      label: LABELS.days,
      initial: settings.weekdaysOnly ? "weekdays" : "every",
      options: [
        { label: "Every day", value: "every" },
        { label: "Weekdays only", value: "weekdays" },
      ],
    },
    {
      id: "quiz",
      kind: "select",
      label: LABELS.quiz,
      initial: String(settings.quizSeconds),
      options: rounds.map((n) => ({ label: seconds(n), value: String(n) })),
    },
  ];
  return {
    action: setupFormAction.id([]),
    title: "Study group setup",
    submitLabel: "Save",
    fields: fields.slice(0, maxFields),
  };
}

/**
 * The submitted form as setup values: every field the form held, as the member left it. An empty or
 * unknown choice is refused here; the values themselves are checked like typed options.
 */
export function readSetupForm(values: Record<string, string>): {
  input: SetupInput;
  problems: SetupProblems;
} {
  const input: SetupInput = {};
  const problems: SetupProblems = {};
  const given = (id: SetupField) => (id in values ? (values[id] ?? "").trim() : undefined);
  for (const id of ["time", "timezone", "plan", "start"] as const) {
    const value = given(id);
    if (value === undefined) continue;
    if (value) input[id] = value;
    else problems[id] = "nothing was entered: fill it in, or keep the current value";
  }
  const days = given("days");
  if (days === "every" || days === "weekdays") input.days = days;
  else if (days !== undefined) problems.days = `"${days}" is not one of: every, weekdays`;
  const quiz = given("quiz");
  if (quiz !== undefined) {
    const n = Number(quiz);
    if (/^\d+$/.test(quiz) && n >= QUIZ_SECONDS_MIN && n <= QUIZ_SECONDS_MAX) input.quiz = n;
    else
      problems.quiz = `"${quiz}" is not a round length from ${QUIZ_SECONDS_MIN} to ${QUIZ_SECONDS_MAX} seconds`;
  }
  return { input, problems };
}

function sentence(problem: string): string {
  const text = `${problem.charAt(0).toUpperCase()}${problem.slice(1)}`;
  return /[.?!]$/.test(text) ? text : `${text}.`;
}

/** Every bad value of the form: under its field where the platform can keep the form open, else named in one reply. */
export function setupFormError(problems: SetupProblems): FormError {
  const entries = Object.entries(problems) as [SetupField, string][];
  return new FormError(
    `Nothing was changed. ${entries.map(([field, problem]) => `${LABELS[field]}: ${problem}`).join("; ")}.`,
    Object.fromEntries(entries.map(([field, problem]) => [field, sentence(problem)])),
  );
}
