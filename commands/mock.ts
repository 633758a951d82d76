import { z } from "zod";
import { defineCommand } from "../src/core/command.ts";
import { choices } from "../src/domain/choices.ts";
import { pickDesignPrompt, pickStarPrompt } from "../src/domain/prompts.ts";
import { UserError } from "../src/core/errors.ts";
import {
  answerForm,
  designTarget,
  starTarget,
  OPEN_ACTION,
  openAnswerForm,
  openReview,
  REVIEW_ACTION,
  REVIEW_FORM,
  SUBMIT_FORM,
  submitAnswer,
  submitReview,
  todaysTarget,
} from "../src/domain/mock.ts";

export default defineCommand({
  name: "mock",
  description: "Write a mock interview answer for peers to review in a thread",
  args: z.object({
    kind: z
      .enum(["question", "star", "design", "own"])
      .default("question")
      .describe(
        "question: today's interview question; star: a STAR prompt; design: a system design; own: your question",
      ),
    competency: z.string().max(100).optional().describe("For star: the competency to practise"),
    prompt: z.string().max(100).optional().describe("For design: the system to design, like url-shortener"),
  }),
  autocomplete: {
    competency: choices.competencies,
    prompt: choices.designs,
  },
  async run(ctx, args) {
    const { content } = ctx.services;
    if (args.prompt && args.kind !== "design") throw new UserError("prompt goes with /mock design.");
    if (args.kind === "star") {
      const prompt = pickStarPrompt(content, args.competency);
      await ctx.openForm(answerForm(starTarget(prompt)));
      return;
    }
    if (args.competency) throw new UserError("competency goes with /mock star.");
    if (args.kind === "design") {
      await ctx.openForm(answerForm(designTarget(pickDesignPrompt(content, args.prompt))));
      return;
    }
    await ctx.openForm(answerForm(args.kind === "own" ? { kind: "own" } : await todaysTarget(ctx)));
  },
  actions: { [OPEN_ACTION]: openAnswerForm, [REVIEW_ACTION]: openReview },
  forms: { [SUBMIT_FORM]: submitAnswer, [REVIEW_FORM]: submitReview },
});
