import { z } from "zod";
import { defineCommand, onClick } from "../../src/app/define-command.ts";
import type { AppServices } from "../../src/app/services.ts";
import type { Choice } from "../../src/core/model.ts";
import { practiceAnswerAction, practiceNextAction, practiceStopAction } from "./actions.ts";
import { answerPractice, nextPractice, startPractice, stopPractice } from "./session.ts";

/** Practice asks the shipped bank's questions: its topics alone. */
function shippedTopics(services: AppServices, partial: string): Choice[] {
  const wanted = partial.trim().toLowerCase();
  return [...services.content.topics.values()]
    .filter((t) => !wanted || t.topic.includes(wanted) || t.title.toLowerCase().includes(wanted))
    .map((t) => ({ name: `${t.title} (${t.questionCount} questions)`, value: t.topic }));
}

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
  autocomplete: { topic: shippedTopics },
  run: (ctx, args) => startPractice(ctx, args.topic),
  actions: [
    onClick(practiceAnswerAction, answerPractice),
    onClick(practiceNextAction, nextPractice),
    onClick(practiceStopAction, stopPractice),
  ],
});
