import { z } from "zod";
import { defineCommand } from "../../src/app/define-command.ts";
import { choices } from "../../src/app/choices.ts";
import { pickStarPrompt } from "../../src/app/prompts.ts";
import { starMessage } from "./view.ts";

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
