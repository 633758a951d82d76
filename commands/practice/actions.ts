import { z } from "zod";
import { defineAction, part } from "../../src/core/actions.ts";

/** An option of a practice question: the session, its step and the option's index as shown. */
export const practiceAnswerAction = defineAction(
  "practice.answer",
  z.tuple([part.id(), part.int(0, 9), part.int(0, 9)]),
);

/** "Next" after an answer: the session and the step just answered. */
export const practiceNextAction = defineAction("practice.next", z.tuple([part.id(), part.int(0, 9)]));

/** "Stop": ends the session. */
export const practiceStopAction = defineAction("practice.stop", z.tuple([part.id()]));
