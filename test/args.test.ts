import { describe, expect, it } from "vitest";
import { z } from "zod";
import { argumentSpecs, parseArgs, usage, usageArgs } from "../src/core/args.ts";
import { cmd, writeCommands } from "../src/core/command-token.ts";
import { UserError } from "../src/core/errors.ts";

const schema = z.object({
  topic: z.string().optional().describe("Quiz topic"),
  count: z.number().int().min(1).max(5).default(1).describe("How many"),
  period: z.enum(["week", "all"]).optional(),
});

function error(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    // Messages name commands with tokens: read them as members typing /x would.
    if (err instanceof UserError) return writeCommands(err.message);
    throw err;
  }
  throw new Error("no error");
}

describe("arguments", () => {
  it("derives option specs for adapters from the zod schema", () => {
    expect(argumentSpecs(schema)).toEqual([
      {
        name: "topic",
        description: "Quiz topic",
        type: "string",
        required: false,
        choices: undefined,
        min: undefined,
        max: undefined,
      },
      {
        name: "count",
        description: "How many",
        type: "integer",
        required: false,
        choices: undefined,
        min: 1,
        max: 5,
      },
      {
        name: "period",
        description: "period",
        type: "string",
        required: false,
        choices: ["week", "all"],
        min: undefined,
        max: undefined,
      },
    ]);
    expect(writeCommands(usage("x", argumentSpecs(schema)))).toBe("/x [topic] [count] [week|all]");
    expect(usage("x", argumentSpecs(schema))).toBe(cmd("x", "[topic] [count] [week|all]"));
    expect(usageArgs(argumentSpecs(schema))).toBe("[topic] [count] [week|all]");
    const many = z.object({
      action: z.enum(["show", "set"]).default("show"),
      time: z
        .string()
        .optional()
        .meta({ examples: ["08:30"] }),
      days: z.enum(["every", "weekdays"]).optional(),
      quiz: z.number().int().optional(),
    });
    expect(writeCommands(usage("y", argumentSpecs(many)))).toBe(
      "/y [show|set] [time:08:30] [days:every|weekdays] [quiz:…]",
    );
    expect(argumentSpecs(z.object({ need: z.string() }))[0]?.required).toBe(true);
  });

  it("parses positional, named and quoted text, and named platform values", () => {
    expect(parseArgs("x", schema, { kind: "text", text: "nodejs 3 week" })).toEqual({
      topic: "nodejs",
      count: 3,
      period: "week",
    });
    expect(parseArgs("x", schema, { kind: "text", text: "count:2 topic=streams" })).toEqual({
      topic: "streams",
      count: 2,
    });
    expect(parseArgs("x", schema, { kind: "text", text: '"system design"' })).toEqual({
      topic: "system design",
      count: 1,
    });
    expect(parseArgs("x", schema, { kind: "text", text: "  " })).toEqual({ count: 1 });
    expect(parseArgs("x", schema, { kind: "named", values: { count: 4, topic: "" } })).toEqual({ count: 4 });
  });

  it("lets a free-text last argument take the rest of the text", () => {
    const quiz = z.object({ topic: z.string().optional() });
    expect(parseArgs("quiz", quiz, { kind: "text", text: "system design" })).toEqual({
      topic: "system design",
    });
    const two = z.object({ kind: z.enum(["a", "b"]), note: z.string().optional() });
    expect(parseArgs("x", two, { kind: "text", text: "a hello there" })).toEqual({
      kind: "a",
      note: "hello there",
    });
  });

  it("explains every mistake with the usage line", () => {
    expect(error(() => parseArgs("x", schema, { kind: "text", text: "a 9" }))).toBe(
      '/x: count must be at most 5 (you gave "9").\nUsage: /x [topic] [count] [week|all]',
    );
    expect(error(() => parseArgs("x", schema, { kind: "text", text: "a b" }))).toContain(
      'count must be a whole number (you gave "b")',
    );
    expect(error(() => parseArgs("x", schema, { kind: "text", text: "a 1 month" }))).toContain(
      "period must be one of week, all",
    );
    expect(error(() => parseArgs("x", schema, { kind: "text", text: "a 1 week extra" }))).toContain(
      'I don\'t know what to do with "extra"',
    );
    expect(error(() => parseArgs("x", schema, { kind: "text", text: "size:3" }))).toContain(
      '/x has no argument "size"',
    );
    expect(error(() => parseArgs("x", schema, { kind: "named", values: { count: true } }))).toContain(
      "count must be a whole number",
    );
    expect(error(() => parseArgs("x", z.object({ need: z.string() }), { kind: "text", text: "" }))).toContain(
      "need is required",
    );
  });
});
