import { z } from "zod";
import { defineCommand } from "../src/core/command.ts";
import { UserError } from "../src/core/errors.ts";
import {
  answerForm,
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
      .enum(["question", "star", "own"])
      .default("question")
      .describe("question: today's interview question; star: a STAR prompt; own: a question you choose"),
    competency: z.string().max(100).optional().describe("For star: the competency to practise"),
  }),
  async run(ctx, args) {
    const { content } = ctx.services;
    if (args.kind === "star") {
      const wanted = args.competency?.trim().toLowerCase();
      const pool = wanted ? content.star.filter((p) => p.competency === wanted) : content.star;
      const prompt = pool[Math.floor(Math.random() * pool.length)];
      if (!prompt)
        throw new UserError(`There is no STAR competency "${args.competency}". See /star for the list.`);
      await ctx.openForm(
        answerForm({ kind: "star", id: prompt.id, question: prompt.prompt, competency: prompt.competency }),
      );
      return;
    }
    if (args.competency) throw new UserError("competency goes with /mock star.");
    await ctx.openForm(answerForm(args.kind === "own" ? { kind: "own" } : await todaysTarget(ctx)));
  },
  actions: { [OPEN_ACTION]: openAnswerForm, [REVIEW_ACTION]: openReview },
  forms: { [SUBMIT_FORM]: submitAnswer, [REVIEW_FORM]: submitReview },
});
