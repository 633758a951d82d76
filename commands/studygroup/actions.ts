import { z } from "zod";
import { defineAction } from "../../src/core/actions.ts";

/** The submitted setup form. */
export const setupFormAction = defineAction("studygroup.setup", z.tuple([]));
