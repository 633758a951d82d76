import { z } from "zod";
import { defineCommand } from "../src/core/command.ts";
import { choices } from "../src/domain/choices.ts";
import {
  ANSWER_ACTION,
  answerRound,
  CLOSE_ACTION,
  closeRoundByButton,
  startRound,
} from "../src/domain/quiz.ts";

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
  actions: { [ANSWER_ACTION]: answerRound, [CLOSE_ACTION]: closeRoundByButton },
});
