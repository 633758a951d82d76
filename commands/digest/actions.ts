import { z } from "zod";
import { defineAction, part } from "../../src/core/actions.ts";

/** The Stop button of a weekly digest, clicked in a direct message: it names the group's workspace and channel. */
export const stopDigestAction = defineAction("digest.stop", z.tuple([part.word(32), part.word(32)]));
