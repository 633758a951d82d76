import { z } from "zod";

/**
 * An answer option is a short phrase: short enough to read at a glance on its answer button and as one
 * line of the question's option list. (A platform whose buttons hold less shows the option's letter.)
 */
export const OPTION_TEXT_MAX = 75;
/**
 * A question, code included, stays short enough to read in one message next to its options. Whether
 * each rendered question fits a platform is the content check's work (every adapter's limitProblems).
 */
export const QUESTION_TEXT_MAX = 1500;

/** Ids travel inside button ids (a plan's, a prompt's), so they are bounded. */
export const CONTENT_ID_MAX = 60;

const id = z
  .string()
  .max(CONTENT_ID_MAX, `must be at most ${CONTENT_ID_MAX} characters`)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be lowercase words joined by hyphens, like event-loop-phases");
const tag = id;
const text = (max: number) =>
  z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);

export const planDaySchema = z.strictObject({
  day: z.number().int().min(1),
  kind: z.enum(["study", "mock", "review"]),
  title: text(200),
  study: z.array(text(300)).default([]),
  practice: text(500).optional(),
  question: text(500).optional(),
  tags: z.array(tag).default([]),
});

export const planWeekSchema = z.strictObject({
  week: z.number().int().min(1),
  title: text(200),
  goal: text(500),
  days: z.array(planDaySchema).min(1),
});

export const planSchema = z
  .strictObject({
    id,
    title: text(200),
    description: text(1000),
    weeks: z.array(planWeekSchema).min(1),
  })
  .superRefine((plan, ctx) => {
    let expected = 1;
    plan.weeks.forEach((week, w) => {
      if (week.week !== w + 1) {
        ctx.addIssue({ code: "custom", path: ["weeks", w, "week"], message: `expected week ${w + 1}` });
      }
      week.days.forEach((day, d) => {
        if (day.day !== expected) {
          ctx.addIssue({
            code: "custom",
            path: ["weeks", w, "days", d, "day"],
            message: `expected day ${expected}`,
          });
        }
        if (day.kind === "study" && (!day.practice || !day.question)) {
          ctx.addIssue({
            code: "custom",
            path: ["weeks", w, "days", d],
            message: "a study day needs a practice task and an interview question",
          });
        }
        expected++;
      });
    });
  });

export const quizOptionSchema = z.strictObject({
  text: text(OPTION_TEXT_MAX),
  correct: z.boolean().default(false),
});

export const quizQuestionSchema = z
  .strictObject({
    id,
    difficulty: z.enum(["easy", "medium", "hard"]),
    tags: z.array(tag).min(1),
    days: z.record(id, z.array(z.number().int().min(1)).min(1)).default({}),
    question: text(QUESTION_TEXT_MAX),
    options: z.array(quizOptionSchema).min(2, "needs 2 to 5 options").max(5, "needs 2 to 5 options"),
    explanation: text(600),
    /** Show the options as written, not shuffled: their order carries meaning (a sequence, a range). */
    keep_order: z.boolean().default(false),
    /** Checks a person has looked at and answered for this question, each with the reason it stands. */
    reviewed: z
      .strictObject({ giveaway: text(300).describe("why the likely giveaway the check reports is not one") })
      .optional(),
  })
  .superRefine((q, ctx) => {
    const correct = q.options.filter((o) => o.correct).length;
    if (correct !== 1) {
      ctx.addIssue({
        code: "custom",
        path: ["options"],
        message: `needs exactly one correct option, has ${correct}`,
      });
    }
    const seen = new Set<string>();
    q.options.forEach((o, i) => {
      const key = o.text.toLowerCase();
      if (seen.has(key))
        ctx.addIssue({ code: "custom", path: ["options", i, "text"], message: "duplicate option" });
      seen.add(key);
    });
  });

export const quizFileSchema = z.strictObject({
  topic: id,
  title: text(80),
  description: text(300),
  questions: z.array(quizQuestionSchema).min(1),
});

export const starPromptSchema = z.strictObject({
  id,
  competency: id,
  prompt: text(500),
  strong_answer: z.array(text(300)).min(2),
});

export const starFileSchema = z.strictObject({
  set: id,
  title: text(80),
  prompts: z.array(starPromptSchema).min(1),
});

export const designPromptSchema = z.strictObject({
  id,
  title: text(120),
  difficulty: z.enum(["medium", "hard"]),
  prompt: text(800),
  /** What a reviewer should look for in an answer. */
  key_points: z.array(text(300)).min(4),
  tags: z.array(tag).min(1),
});

export const designFileSchema = z.strictObject({
  set: id,
  title: text(80),
  prompts: z.array(designPromptSchema).min(1),
});

export type Plan = z.infer<typeof planSchema>;
export type PlanWeek = z.infer<typeof planWeekSchema>;
export type PlanDay = z.infer<typeof planDaySchema>;
export type QuizFile = z.infer<typeof quizFileSchema>;
export type QuizQuestion = z.infer<typeof quizQuestionSchema>;
export type StarFile = z.infer<typeof starFileSchema>;
export type StarPrompt = z.infer<typeof starPromptSchema>;
export type DesignFile = z.infer<typeof designFileSchema>;
export type DesignPrompt = z.infer<typeof designPromptSchema>;
