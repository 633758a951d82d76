import { z } from "zod";
import { defineAction, part } from "../../src/core/actions.ts";

/**
 * The Stop button of a reminder. It is clicked in a direct message, outside the group's channel, so
 * it names the group's workspace and channel itself (the platform is the click's own).
 */
export const stopRemindersAction = defineAction("remind.stop", z.tuple([part.word(32), part.word(32)]));
