import { shorten } from "./plain-text.ts";

/**
 * What one rendering had to shorten, drop or split to fit a platform's limits, in the order it did.
 * A renderer takes one as an optional last argument and notes every cut in it; the content check
 * (each adapter's `limitProblems`) passes a fresh one per rendering and reads it afterwards.
 */
export type Cuts = string[];

/** Shortens text to a platform limit, noting the cut in `cuts` when given. */
export function fitText(text: string, max: number, cuts?: Cuts): string {
  if (text.length > max) cuts?.push(`${JSON.stringify(text.slice(0, 40))}… is over ${max} characters`);
  return shorten(text, max);
}
