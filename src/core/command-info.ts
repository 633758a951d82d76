import type { z } from "zod";

/** What adapters and /help need to know of a command: how members type it and its arguments. */
export interface CommandInfo {
  name: string;
  description: string;
  args: z.ZodObject;
  organizerOnly: boolean;
  /** The arguments that offer suggestions while a member types. */
  autocompleted: readonly string[];
}
