import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { isNode, LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import {
  type Plan,
  planSchema,
  type QuizFile,
  type QuizQuestion,
  quizFileSchema,
  type StarPrompt,
  starFileSchema,
  type DesignPrompt,
  designFileSchema,
} from "./schemas.ts";

/** One problem in one content file, with the line it is on. */
export interface ContentProblem {
  file: string;
  line: number;
  column: number;
  field: string;
  message: string;
}

export class ContentError extends Error {
  constructor(readonly problems: ContentProblem[]) {
    super(`${problems.length} problem(s) in content:\n${problems.map(formatProblem).join("\n")}`);
    this.name = "ContentError";
  }
}

export function formatProblem(p: ContentProblem): string {
  return `${p.file}:${p.line}:${p.column} ${p.field ? `${p.field}: ` : ""}${p.message}`;
}

export interface Question extends QuizQuestion {
  topic: string;
  /** Index of the correct option. */
  answer: number;
}

export interface Content {
  plans: Map<string, Plan>;
  topics: Map<string, QuizFile>;
  questions: Map<string, Question>;
  star: StarPrompt[];
  design: DesignPrompt[];
}

interface Parsed<T> {
  data?: T;
  /** Finds the line of a path inside the file, for cross-file checks. */
  locate: (path: (string | number)[]) => { line: number; column: number };
}

function parseYamlFile<S extends z.ZodType>(
  path: string,
  schema: S,
  problems: ContentProblem[],
): Parsed<z.infer<S>> {
  const file = displayPath(path);
  const source = readFileSync(path, "utf8");
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const position = (offset: number) => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  const locate = (path: (string | number)[]) => {
    // Walk up to the nearest node that exists, so a missing field points at its parent.
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return position(node.range[0]);
    }
    return { line: 1, column: 1 };
  };

  if (doc.errors.length > 0) {
    for (const err of doc.errors) {
      problems.push({ file, ...position(err.pos[0]), field: "", message: err.message.split("\n")[0] ?? "" });
    }
    return { locate };
  }
  const result = schema.safeParse(doc.toJS());
  if (!result.success) {
    for (const issue of result.error.issues) {
      const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
      problems.push({ file, ...locate(path), field: path.join("."), message: issue.message });
    }
    return { locate };
  }
  return { data: result.data, locate };
}

function displayPath(path: string): string {
  return relative(process.cwd(), path) || path;
}

function yamlFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries
    .filter((f) => f.endsWith(".yaml") || f.endsWith(".yml"))
    .sort()
    .map((f) => join(dir, f));
}

/**
 * Loads and validates every YAML file under `root` (plans/, quizzes/, star/), then checks what no
 * single file can: unique ids, question plan days that exist. Throws ContentError listing every problem.
 */
export function loadContent(root: string): Content {
  const problems: ContentProblem[] = [];
  const content: Content = { plans: new Map(), topics: new Map(), questions: new Map(), star: [], design: [] };

  for (const path of yamlFiles(join(root, "plans"))) {
    const { data, locate } = parseYamlFile(path, planSchema, problems);
    if (!data) continue;
    if (content.plans.has(data.id)) {
      problems.push({
        file: displayPath(path),
        ...locate(["id"]),
        field: "id",
        message: `duplicate plan id "${data.id}"`,
      });
    }
    content.plans.set(data.id, data);
  }

  const questionRefs: { file: string; locate: Parsed<unknown>["locate"]; index: number; q: QuizQuestion }[] =
    [];
  for (const path of yamlFiles(join(root, "quizzes"))) {
    const file = displayPath(path);
    const { data, locate } = parseYamlFile(path, quizFileSchema, problems);
    if (!data) continue;
    if (content.topics.has(data.topic)) {
      problems.push({
        file,
        ...locate(["topic"]),
        field: "topic",
        message: `duplicate topic "${data.topic}"`,
      });
    }
    content.topics.set(data.topic, data);
    data.questions.forEach((q, index) => {
      if (content.questions.has(q.id)) {
        problems.push({
          file,
          ...locate(["questions", index, "id"]),
          field: `questions.${index}.id`,
          message: `duplicate question id "${q.id}"`,
        });
        return;
      }
      content.questions.set(q.id, { ...q, topic: data.topic, answer: q.options.findIndex((o) => o.correct) });
      questionRefs.push({ file, locate, index, q });
    });
  }

  const starIds = new Set<string>();
  for (const path of yamlFiles(join(root, "star"))) {
    const file = displayPath(path);
    const { data, locate } = parseYamlFile(path, starFileSchema, problems);
    if (!data) continue;
    data.prompts.forEach((p, index) => {
      if (starIds.has(p.id)) {
        problems.push({
          file,
          ...locate(["prompts", index, "id"]),
          field: `prompts.${index}.id`,
          message: `duplicate prompt id "${p.id}"`,
        });
        return;
      }
      starIds.add(p.id);
      content.star.push(p);
    });
  }

  const designIds = new Set<string>();
  for (const path of yamlFiles(join(root, "system-design"))) {
    const file = displayPath(path);
    const { data, locate } = parseYamlFile(path, designFileSchema, problems);
    if (!data) continue;
    data.prompts.forEach((p, index) => {
      if (designIds.has(p.id)) {
        problems.push({ file, ...locate(["prompts", index, "id"]), field: `prompts.${index}.id`, message: `duplicate prompt id "${p.id}"` });
        return;
      }
      designIds.add(p.id);
      content.design.push(p);
    });
  }

  for (const { file, locate, index, q } of questionRefs) {
    for (const [planId, days] of Object.entries(q.days)) {
      const path = ["questions", index, "days", planId];
      const plan = content.plans.get(planId);
      if (!plan) {
        problems.push({ file, ...locate(path), field: path.join("."), message: `unknown plan "${planId}"` });
        continue;
      }
      const length = planLength(plan);
      for (const day of days.filter((d) => d > length)) {
        problems.push({
          file,
          ...locate(path),
          field: path.join("."),
          message: `plan "${planId}" has no day ${day} (it has ${length})`,
        });
      }
    }
  }

  for (const folder of ["plans", "quizzes"]) {
    if (yamlFiles(join(root, folder)).length === 0) {
      problems.push({
        file: displayPath(join(root, folder)),
        line: 1,
        column: 1,
        field: "",
        message: "no YAML file found",
      });
    }
  }
  if (problems.length > 0) throw new ContentError(problems);
  return content;
}

export function planDays(plan: Plan) {
  return plan.weeks.flatMap((week) => week.days.map((day) => ({ ...day, week })));
}

export function planLength(plan: Plan): number {
  return plan.weeks.reduce((n, w) => n + w.days.length, 0);
}
