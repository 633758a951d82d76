import { z } from "zod";
import { defineCommand } from "../src/core/command.ts";
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
    topic: (services, partial) => {
      const wanted = partial.trim().toLowerCase();
      return [...services.content.topics.values()]
        .filter((t) => !wanted || t.topic.includes(wanted) || t.title.toLowerCase().includes(wanted))
        .slice(0, 25)
        .map((t) => ({ name: `${t.title} (${t.questions.length} questions)`, value: t.topic }));
    },
  },
  run: (ctx, args) => startRound(ctx, args.topic),
  actions: { [ANSWER_ACTION]: answerRound, [CLOSE_ACTION]: closeRoundByButton },
});
