import { z } from "zod";
import { choices } from "../../src/app/choices.ts";
import { defineCommand, onClick } from "../../src/app/define-command.ts";
import { answerAction, closeAction } from "./actions.ts";
import { answerRound, closeRoundByButton, startRound } from "./round.ts";

export default defineCommand({
  name: "quiz",
  description: "A multiple-choice question for the group; everyone answers with a click",
  args: z.object({
    topic: z.string().max(100).optional().describe("Quiz topic; leave empty for one on today's plan topic"),
  }),
  autocomplete: {
    topic: choices.topics,
  },
  run: (ctx, args) => startRound(ctx, args.topic),
  actions: [
    onClick(answerAction, answerRound),
    onClick(closeAction, closeRoundByButton, { firstReply: "update" }),
  ],
});
