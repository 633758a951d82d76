import { z } from "zod";
import { defineCommand } from "../src/core/command.ts";
import { UserError } from "../src/core/errors.ts";
import { starMessage } from "../src/domain/star-view.ts";

export default defineCommand({
  name: "star",
  description: "A behavioral interview prompt to practise with the STAR method",
  args: z.object({
    competency: z
      .string()
      .max(100)
      .optional()
      .describe("Competency to practise, for example conflict or ownership"),
  }),
  autocomplete: {
    competency: (services, partial) => {
      const wanted = partial.trim().toLowerCase();
      return [...new Set(services.content.star.map((p) => p.competency))]
        .filter((c) => c.includes(wanted))
        .sort()
        .slice(0, 25)
        .map((c) => ({ name: c, value: c }));
    },
  },
  async run(ctx, args) {
    const prompts = ctx.services.content.star;
    const wanted = args.competency?.trim().toLowerCase();
    const pool = wanted ? prompts.filter((p) => p.competency === wanted) : prompts;
    if (pool.length === 0) {
      const known = [...new Set(prompts.map((p) => p.competency))].sort().join(", ");
      throw new UserError(`There is no STAR competency "${args.competency}". Competencies: ${known}.`);
    }
    const prompt = pool[Math.floor(Math.random() * pool.length)];
    if (prompt) await ctx.reply(starMessage(prompt));
  },
});
