import { z } from "zod";

const emptyAsUndefined = (v: unknown) => (v === "" ? undefined : v);

/** An environment variable: an empty value counts as unset, so `FOO=` falls back to the default. */
export function envVar<T extends z.ZodType>(schema: T) {
  return z.preprocess(emptyAsUndefined, schema);
}
