import { shorten } from "./plain-text.ts";

/** Set while collectCuts() runs: every cut a renderer makes to fit a platform limit is noted here. */
let cuts: string[] | undefined;

/** Shortens text to a platform limit, noting the cut when collectCuts() is listening. */
export function fitText(text: string, max: number): string {
  if (text.length > max) cuts?.push(`${JSON.stringify(text.slice(0, 40))}… is over ${max} characters`);
  return shorten(text, max);
}

/** Notes something a renderer dropped or split to fit a limit. */
export function noteCut(what: string): void {
  cuts?.push(what);
}

/** Runs a (synchronous) rendering and returns what it had to shorten, drop or split. */
export function collectCuts(render: () => unknown): string[] {
  const outer = cuts;
  cuts = [];
  try {
    render();
    return cuts;
  } finally {
    cuts = outer;
  }
}
