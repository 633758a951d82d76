import { z } from "zod";
import { SHORT_ID } from "./ids.ts";

/**
 * Action ids travel inside platform custom ids (buttons, forms) and come back on a click or a
 * submission. Each action is declared once, with a zod schema for its parts, and the same
 * declaration builds and parses its ids. Every part has a bounded length, so the longest id an action
 * can make is known when it is declared; a test checks it against every registered platform's limit.
 */

/** Separates the prefix and the parts of an action id. Parts can never contain it. */
export const ACTION_SEPARATOR = ":";

/** The parts of an action: one tuple, or a union of tuples for actions with variants. */
export type PartsSchema = z.ZodTuple | z.ZodUnion<readonly z.ZodTuple[]>;

export interface Action<P> {
  readonly prefix: string;
  /** Prefixes this action had before, still routed so buttons already posted keep working. */
  readonly formerly: readonly string[];
  /** The longest id this action can build. */
  readonly maxLength: number;
  id(parts: P): string;
  /** The parts of an id of this action (without its prefix), or undefined when they do not fit the schema. */
  parse(parts: readonly string[]): P | undefined;
}

/** The longest text a part schema accepts, or an error naming what is unbounded. */
function longestPart(schema: z.ZodType, where: string): number {
  if (schema instanceof z.ZodString) {
    if (schema.maxLength === null) throw new Error(`${where}: a string part needs .max()`);
    return schema.maxLength;
  }
  if (schema instanceof z.ZodEnum) return Math.max(...schema.options.map((o) => String(o).length));
  if (schema instanceof z.ZodLiteral) return Math.max(...[...schema.values].map((v) => String(v).length));
  if (schema instanceof z.ZodPipe) return longestPart(schema.in as z.ZodType, where);
  throw new Error(`${where}: use a bounded string, an enum, a literal or part.int()`);
}

function longestParts(schema: PartsSchema, where: string): number {
  if (schema instanceof z.ZodUnion) {
    return Math.max(...schema.options.map((o, i) => longestParts(o, `${where} variant ${i + 1}`)));
  }
  const items = schema.def.items as z.ZodType[];
  if (schema.def.rest) throw new Error(`${where}: a rest part has no bounded length`);
  return items.reduce(
    (sum, item, i) => sum + ACTION_SEPARATOR.length + longestPart(item, `${where} part ${i + 1}`),
    0,
  );
}

const PREFIX = /^[a-z][a-z0-9.-]{0,15}$/;

/** Declares an action: `defineAction("quiz.answer", z.tuple([part.id(), part.int(0, 9)]))`. */
export function defineAction<S extends PartsSchema>(
  prefix: string,
  parts: S,
  options: { formerly?: readonly string[] } = {},
): Action<z.output<S>> {
  for (const p of [prefix, ...(options.formerly ?? [])]) {
    if (!PREFIX.test(p)) throw new Error(`action prefix "${p}" must be short lowercase words`);
  }
  const maxLength = prefix.length + longestParts(parts, `action ${prefix}`);
  // Ids are built for every button rendered and parsed on every click: zod's compiled fast path.
  const check = z.compile(parts);
  return {
    prefix,
    formerly: options.formerly ?? [],
    maxLength,
    id(value) {
      const text = (value as readonly unknown[]).map(String);
      if (!check.safeParse(text).success) {
        throw new Error(`action ${prefix}: parts ${JSON.stringify(text)} do not fit its schema`);
      }
      return [prefix, ...text].join(ACTION_SEPARATOR);
    },
    parse(raw) {
      const result = check.safeParse(raw);
      return result.success ? (result.data as z.output<S>) : undefined;
    },
  };
}

/** Splits an id into its prefix and raw parts. */
export function splitActionId(id: string): { prefix: string; parts: string[] } {
  const [prefix = "", ...parts] = id.split(ACTION_SEPARATOR);
  return { prefix, parts };
}

const NO_SEPARATOR = /^[^:]*$/;

/** Part schemas with known lengths. */
export const part = {
  /** A short random id made by shortId(). */
  id: () => z.string().regex(SHORT_ID).max(16),
  /** A word: letters, digits, dot, dash or underscore, at most `max` characters. */
  word: (max: number) =>
    z
      .string()
      .min(1)
      .max(max)
      .regex(/^[A-Za-z0-9._-]+$/),
  /** Any text without the separator, at most `max` characters. */
  text: (max: number) => z.string().max(max).regex(NO_SEPARATOR),
  /** A whole number from min to max, written in decimal without leading zeros. */
  int: (min: number, max: number) =>
    z
      .string()
      .max(Math.max(String(min).length, String(max).length))
      .regex(/^-?(0|[1-9]\d*)$/)
      .transform(Number)
      .pipe(z.number().int().min(min).max(max)),
};

/**
 * An action id as a platform carries it. Ids are bounded when their action is declared (a test holds
 * every declared action under every registered platform's limit), so one over the limit is a bug: it
 * fails loudly instead of being cut into an id that would route nowhere.
 */
export function fittingActionId(id: string, max: number, platform: string): string {
  if (id.length > max)
    throw new Error(`action id "${id.slice(0, 40)}…" is over ${platform}'s ${max} characters`);
  return id;
}
