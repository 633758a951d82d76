import { z } from "zod";
import { defineAction, part } from "../../src/core/actions.ts";
import { CONTENT_ID_MAX } from "../../src/content/schemas.ts";

/** The Done button of a plan day: the plan and the day. */
export const doneAction = defineAction("daily.done", z.tuple([part.word(CONTENT_ID_MAX), part.int(1, 366)]), {
  formerly: ["d.done"],
});
