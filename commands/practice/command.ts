import { z } from "zod";
import { defineCommand, onClick } from "../../src/app/define-command.ts";
import { choices } from "../../src/app/choices.ts";
import { practiceAnswerAction, practiceNextAction, practiceStopAction } from "./actions.ts";
import { answerPractice, nextPractice, startPractice, stopPractice } from "./session.ts";

export default defineCommand({
  name: "practice",
  description: "Private practice: your due reviews first, then new questions from your weakest topics",
  args: z.object({
    topic: z
      .string()
      .max(100)
      .optional()
      .describe("Practise one topic; leave empty for your reviews and weakest topics"),
  }),
  firstReply: "private",
  // The shipped topics and the group's own, as /quiz offers them.
  autocomplete: { topic: choices.topics },
  run: (ctx, args) => startPractice(ctx, args.topic),
  actions: [
    onClick(practiceAnswerAction, answerPractice),
    onClick(practiceNextAction, nextPractice),
    onClick(practiceStopAction, stopPractice),
  ],
});
