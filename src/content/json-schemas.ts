import { z } from "zod";
import { designFileSchema, planSchema, quizFileSchema, starFileSchema } from "./schemas.ts";

/** The zod schemas of every content file kind, as JSON Schema (what a YAML author writes: input types). */
export function jsonSchemas(): Record<string, unknown> {
  const kinds = { plan: planSchema, quiz: quizFileSchema, star: starFileSchema, design: designFileSchema };
  return Object.fromEntries(
    Object.entries(kinds).map(([name, schema]) => [
      name,
      { ...z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }), title: `Study group ${name} file` },
    ]),
  );
}
