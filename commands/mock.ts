import { z } from "zod";
import { defineCommand } from "../src/core/command.ts";
import { UserError } from "../src/core/errors.ts";
import {
  answerForm,
  designTarget,
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
    competency: (services, partial) =>
      [...new Set(services.content.star.map((p) => p.competency))]
        .filter((c) => c.includes(partial.trim().toLowerCase()))
        .sort()
        .slice(0, 25)
        .map((c) => ({ name: c, value: c })),
    prompt: (services, partial) =>
      services.content.design
        .filter(
          (p) =>
            p.id.includes(partial.toLowerCase()) || p.title.toLowerCase().includes(partial.toLowerCase()),
        )
        .slice(0, 25)
        .map((p) => ({ name: p.title.slice(0, 100), value: p.id })),
  },
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
    if (args.kind === "design") {
      const wanted = args.prompt?.trim().toLowerCase();
      const pool = wanted ? content.design.filter((p) => p.id === wanted) : content.design;
      const prompt = pool[Math.floor(Math.random() * pool.length)];
      if (!prompt) {
        const known = content.design.map((p) => p.id).join(", ");
        throw new UserError(`There is no system-design prompt "${args.prompt}". Prompts: ${known}.`);
      }
      await ctx.openForm(answerForm(designTarget(prompt)));
      return;
    }
    if (args.prompt) throw new UserError("prompt goes with /mock design.");
    await ctx.openForm(answerForm(args.kind === "own" ? { kind: "own" } : await todaysTarget(ctx)));
  },
  actions: { [OPEN_ACTION]: openAnswerForm, [REVIEW_ACTION]: openReview },
  forms: { [SUBMIT_FORM]: submitAnswer, [REVIEW_FORM]: submitReview },
});
