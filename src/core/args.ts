import { z } from "zod";
import { cmd } from "./command-token.ts";
import { UserError } from "./errors.ts";
import type { RawArgs } from "./model.ts";

export type ArgType = "string" | "integer" | "number" | "boolean" | "file";

/** One argument as adapters register it: derived from the command's zod schema. */
export interface ArgSpec {
  name: string;
  description: string;
  type: ArgType;
  required: boolean;
  choices?: string[];
  min?: number;
  max?: number;
  /** A value to show in usage lines, from `.meta({ examples: [...] })`. */
  example?: string;
}

interface JsonSchemaProperty {
  type?: string;
  /** Set by fileArg(): the argument is a file the member attaches. */
  file?: boolean;
  description?: string;
  examples?: unknown[];
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
}

const specCache = new WeakMap<z.ZodObject, ArgSpec[]>();

/** The arguments of a command schema, computed once per schema. */
export function argumentSpecs(schema: z.ZodObject): ArgSpec[] {
  let specs = specCache.get(schema);
  if (!specs) {
    specs = specsOf(schema);
    specCache.set(schema, specs);
  }
  return specs;
}

function specsOf(schema: z.ZodObject): ArgSpec[] {
  const json = z.toJSONSchema(schema, { io: "input" }) as {
    properties?: Record<string, JsonSchemaProperty>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, p]) => ({
    name,
    description: p.description ?? name,
    type: (p.file
      ? "file"
      : ["integer", "number", "boolean"].includes(p.type ?? "")
        ? p.type
        : "string") as ArgType,
    required: json.required?.includes(name) ?? false,
    choices: p.enum?.map(String),
    min: p.minimum,
    max: p.maximum,
    ...(p.examples?.length ? { example: String(p.examples[0]) } : {}),
  }));
}

/**
 * An argument that is a file the member attaches (Discord's attachment option). Its value is the
 * file's name; the file itself comes with the event (`CommandEvent.files`), on platforms whose
 * commands carry files (`capabilities.commandFiles`). Elsewhere it is not offered.
 */
export function fileArg(description: string) {
  return z.string().max(200).optional().describe(description).meta({ file: true });
}

/** Past this many arguments, a usage line names them (`time:08:30`): positions stop being memorable. */
const POSITIONAL_USAGE_MAX = 3;

/** What follows a command's name in its usage line: `[topic] [count]`, `<action> [time:08:30]`. */
export function usageArgs(all: ArgSpec[]): string {
  // A typed command carries no file: file arguments are attached where the platform allows.
  const specs = all.filter((s) => s.type !== "file");
  const named = specs.length > POSITIONAL_USAGE_MAX;
  const parts = specs.map((s, i) => {
    const value = s.choices?.join("|");
    const label = named && i > 0 ? `${s.name}:${value ?? s.example ?? "…"}` : (value ?? s.name);
    return s.required ? `<${label}>` : `[${label}]`;
  });
  return parts.join(" ");
}

/** A command's usage line as a command token with its arguments: "/quiz [topic]" once rendered. */
export function usage(command: string, specs: ArgSpec[]): string {
  return cmd(command, usageArgs(specs));
}

/** Turns a typed token into the type the schema expects; leaves it as text when it does not fit, so zod reports it. */
function convert(token: string, type: ArgType): unknown {
  if ((type === "integer" || type === "number") && /^-?\d+(\.\d+)?$/.test(token)) return Number(token);
  if (type === "boolean" && /^(true|false|yes|no)$/i.test(token)) return /^(true|yes)$/i.test(token);
  return token;
}

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const m of text.matchAll(/"([^"]*)"|(\S+)/g)) tokens.push(m[1] ?? m[2] ?? "");
  return tokens;
}

function namedFromText(command: string, text: string, specs: ArgSpec[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const positional: string[] = [];
  for (const token of tokenize(text.trim())) {
    const named = /^([a-z][a-z0-9_-]*)[:=](.*)$/i.exec(token);
    const spec = named && specs.find((s) => s.name === named[1]?.toLowerCase());
    if (named && spec) values[spec.name] = convert(named[2] ?? "", spec.type);
    else if (named && !/^https?$/i.test(named[1] ?? "")) {
      throw new UserError(
        "unknown-argument",
        `${cmd(command)} has no argument "${named[1]}".\nUsage: ${usage(command, specs)}`,
      );
    } else positional.push(token);
  }
  const free = specs.filter((s) => !(s.name in values));
  const last = free[free.length - 1];
  if (positional.length > free.length && last?.type === "string" && !last.choices) {
    // A free-text last argument takes the rest: /quiz system design.
    positional.splice(free.length - 1, positional.length, positional.slice(free.length - 1).join(" "));
  }
  if (positional.length > free.length) {
    const extra = positional.slice(free.length).join(" ");
    throw new UserError(
      "too-many-arguments",
      `Too many arguments for ${cmd(command)}: I don't know what to do with "${extra}".\nUsage: ${usage(command, specs)}`,
    );
  }
  positional.forEach((token, i) => {
    const spec = free[i] as ArgSpec;
    values[spec.name] = convert(token, spec.type);
  });
  return values;
}

function describeIssue(issue: z.core.$ZodIssue, spec: ArgSpec | undefined, given: unknown): string {
  const name = String(issue.path[0] ?? "argument");
  const shown = given === undefined ? "" : ` (you gave "${String(given)}")`;
  switch (issue.code) {
    case "invalid_value":
      return `${name} must be one of ${issue.values.map(String).join(", ")}${shown}`;
    case "invalid_type":
      if (given === undefined) return `${name} is required`;
      if (spec?.type === "integer") return `${name} must be a whole number${shown}`;
      if (spec?.type === "number") return `${name} must be a number${shown}`;
      return `${name} must be ${spec?.type === "boolean" ? "true or false" : `a ${issue.expected}`}${shown}`;
    case "too_small":
      return `${name} must be at least ${String(issue.minimum)}${shown}`;
    case "too_big":
      return `${name} must be at most ${String(issue.maximum)}${shown}`;
    case "unrecognized_keys":
      return `unknown argument${issue.keys.length > 1 ? "s" : ""} ${issue.keys.join(", ")}`;
    default:
      return `${name}: ${issue.message}${shown}`;
  }
}

/** Parses raw platform arguments against the command's schema; every mistake becomes a UserError with usage. */
export function parseArgs(command: string, schema: z.ZodObject, raw: RawArgs): Record<string, unknown> {
  const specs = argumentSpecs(schema);
  const values = raw.kind === "text" ? namedFromText(command, raw.text, specs) : { ...raw.values };
  for (const spec of specs) {
    const v = values[spec.name];
    if (typeof v === "string") values[spec.name] = v.trim() === "" ? undefined : convert(v.trim(), spec.type);
  }
  const result = schema.strict().safeParse(values);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? "");
    return describeIssue(
      issue,
      specs.find((s) => s.name === name),
      values[name],
    );
  });
  throw new UserError(
    "invalid-argument",
    `${cmd(command)}: ${problems.join("; ")}.\nUsage: ${usage(command, specs)}`,
  );
}
