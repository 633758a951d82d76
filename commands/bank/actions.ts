import { z } from "zod";
import { defineAction } from "../../src/core/actions.ts";

/** The import form's submission: which bank it goes to, and the pasted text's format ("auto": guessed). */
export const importFormAction = defineAction(
  "bank.import",
  z.tuple([z.enum(["group", "workspace"]), z.enum(["auto", "yaml", "csv"])]),
);
