import { UserError } from "../core/errors.ts";
import { POST_TIME } from "./groups.ts";

/**
 * A local time of day as members type it: "19:30", "7:05", "0930", "19.30" → "HH:MM"; anything else
 * is refused, naming the group's zone and how to write it (`usage`, a command token).
 */
export function readTimeOfDay(input: string, zone: string, usage: string): string {
  const m = /^(\d{1,2})[:.h]?(\d{2})$/.exec(input.trim());
  const time = m ? `${(m[1] ?? "").padStart(2, "0")}:${m[2]}` : input.trim();
  if (!POST_TIME.test(time))
    throw new UserError(
      "invalid-time",
      `"${input}" is not a time of day. Give it as HH:MM on a 24-hour clock, in the group's time zone (${zone}): ${usage}.`,
    );
  return time;
}
