import { z } from "zod";
import { defineAction, part } from "../../src/core/actions.ts";

/** A click on an option of a round: the round and the option's index. */
export const answerAction = defineAction("quiz.answer", z.tuple([part.id(), part.int(0, 9)]), {
  formerly: ["q.a"],
});

/** The "Close round" button of a round. */
export const closeAction = defineAction("quiz.close", z.tuple([part.id()]), { formerly: ["q.x"] });
