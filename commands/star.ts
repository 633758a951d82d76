import { z } from "zod";
import { defineCommand } from "../src/core/command.ts";
import { choices } from "../src/domain/choices.ts";
import { pickStarPrompt } from "../src/domain/prompts.ts";
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
    competency: choices.competencies,
  },
  async run(ctx, args) {
    await ctx.reply(starMessage(pickStarPrompt(ctx.services.content, args.competency)));
  },
});
