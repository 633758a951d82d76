import { z } from "zod";
import { choices } from "../../src/app/choices.ts";
import { defineCommand, onClick, onSubmit } from "../../src/app/define-command.ts";
import { pickDesignPrompt, pickStarPrompt } from "../../src/app/prompts.ts";
import { cmd } from "../../src/core/command-token.ts";
import { UserError } from "../../src/core/errors.ts";
import {
  answerFormAction,
  designTarget,
  openAction,
  reviewAction,
  reviewFormAction,
  starTarget,
} from "./actions.ts";
import { openAnswerForm, submitAnswer } from "./answer.ts";
import { answerForm } from "./forms.ts";
import { openReview, submitReview } from "./review.ts";
import { todaysTarget } from "./targets.ts";

/** /mock: a mock interview answer, posted for peers to review in a thread. */
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
  firstReply: "form",
  async run(ctx, args) {
    const { content } = ctx.services;
    if (args.prompt && args.kind !== "design") {
      throw new UserError("argument-mismatch", `prompt goes with ${cmd("mock", "design")}.`);
    }
    if (args.kind === "star") {
      const prompt = pickStarPrompt(content, args.competency);
      await ctx.openForm(answerForm(starTarget(prompt)));
      return;
    }
    if (args.competency)
      throw new UserError("argument-mismatch", `competency goes with ${cmd("mock", "star")}.`);
    if (args.kind === "design") {
      await ctx.openForm(answerForm(designTarget(pickDesignPrompt(content, args.prompt))));
      return;
    }
    await ctx.openForm(answerForm(args.kind === "own" ? { kind: "own" } : await todaysTarget(ctx)));
  },
  actions: [
    onClick(openAction, openAnswerForm, { firstReply: "form" }),
    onClick(reviewAction, openReview, { firstReply: "form" }),
  ],
  forms: [onSubmit(answerFormAction, submitAnswer), onSubmit(reviewFormAction, submitReview)],
});
