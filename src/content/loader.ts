import { planDays, planLength } from "../domain/plan-day.ts";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { isNode, LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import {
  type Plan,
  planSchema,
  type QuizQuestion,
  quizFileSchema,
  type StarPrompt,
  starFileSchema,
  type DesignPrompt,
  designFileSchema,
} from "./schemas.ts";
import { type Content, ContentError, type ContentProblem, type Location, type Topic } from "./model.ts";

export {
  type Content,
  ContentError,
  type ContentProblem,
  formatProblem,
  type Location,
  type Question,
  type Topic,
} from "./model.ts";

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

type Locator = (file: string, locate: Parsed<unknown>["locate"], path: (string | number)[]) => Location;
const at: Locator = (file, locate, path) => ({ file, ...locate(path), field: path.join(".") });

/** Adds items that must have ids unique across files, reporting each repeat where it stands. */
function collectUnique<T extends { id: string }>(
  items: readonly T[],
  into: Map<string, T>,
  where: (index: number) => Location,
  label: string,
  locations: Map<string, Location>,
  problems: ContentProblem[],
): void {
  items.forEach((item, index) => {
    const location = where(index);
    if (into.has(item.id)) {
      problems.push({ ...location, field: `${location.field}.id`, message: `duplicate ${label} id "${item.id}"` });
      return;
    }
    into.set(item.id, item);
    locations.set(`${label}:${item.id}`, location);
  });
}

/**
 * Loads and validates every YAML file under `root` (plans/, quizzes/, star/, system-design/), then
 * checks what no single file can: unique ids, question plan days that exist. Throws ContentError
 * listing every problem, each with its file, line and field.
 */
export function loadContent(root: string): Content {
  const problems: ContentProblem[] = [];
  const locations = new Map<string, Location>();
  const plans = new Map<string, Plan>();
  const topics = new Map<string, Topic>();
  const questions = new Map<string, QuizQuestion & { topic: string }>();
  const star = new Map<string, StarPrompt>();
  const design = new Map<string, DesignPrompt>();

  for (const path of yamlFiles(join(root, "plans"))) {
    const file = displayPath(path);
    const { data, locate } = parseYamlFile(path, planSchema, problems);
    if (!data) continue;
    collectUnique([data], plans, () => at(file, locate, []), "plan", locations, problems);
    data.weeks.forEach((week, w) =>
      week.days.forEach((day, d) => locations.set(`day:${data.id}:${day.day}`, at(file, locate, ["weeks", w, "days", d]))),
    );
  }

  const referencesToCheck: { location: Location; planId: string; days: number[] }[] = [];
  for (const path of yamlFiles(join(root, "quizzes"))) {
    const file = displayPath(path);
    const { data, locate } = parseYamlFile(path, quizFileSchema, problems);
    if (!data) continue;
    if (topics.has(data.topic)) {
      problems.push({ ...at(file, locate, ["topic"]), message: `duplicate topic "${data.topic}"` });
    }
    const { questions: topicQuestions, ...topic } = data;
    topics.set(data.topic, { ...topic, questionCount: topicQuestions.length });
    const tagged = data.questions.map((q) => ({ ...q, topic: data.topic }));
    collectUnique(tagged, questions, (i) => at(file, locate, ["questions", i]), "question", locations, problems);
    data.questions.forEach((q, i) => {
      for (const [planId, days] of Object.entries(q.days)) {
        referencesToCheck.push({ location: at(file, locate, ["questions", i, "days", planId]), planId, days });
      }
    });
  }

  for (const path of yamlFiles(join(root, "star"))) {
    const file = displayPath(path);
    const { data, locate } = parseYamlFile(path, starFileSchema, problems);
    if (data) collectUnique(data.prompts, star, (i) => at(file, locate, ["prompts", i]), "star", locations, problems);
  }

  for (const path of yamlFiles(join(root, "system-design"))) {
    const file = displayPath(path);
    const { data, locate } = parseYamlFile(path, designFileSchema, problems);
    if (data) collectUnique(data.prompts, design, (i) => at(file, locate, ["prompts", i]), "design", locations, problems);
  }

  for (const { location, planId, days } of referencesToCheck) {
    const plan = plans.get(planId);
    if (!plan) {
      problems.push({ ...location, message: `unknown plan "${planId}"` });
      continue;
    }
    const length = planLength(plan);
    for (const day of days.filter((d) => d > length)) {
      problems.push({ ...location, message: `plan "${planId}" has no day ${day} (it has ${length})` });
    }
  }

  for (const folder of ["plans", "quizzes"]) {
    if (yamlFiles(join(root, folder)).length === 0) {
      problems.push({ file: displayPath(join(root, folder)), line: 1, column: 1, field: "", message: "no YAML file found" });
    }
  }
  if (problems.length > 0) throw new ContentError(problems);
  return {
    plans,
    topics,
    questions: new Map(
      [...questions].map(([id, q]) => [id, { ...q, answer: q.options.findIndex((o) => o.correct) }]),
    ),
    star: [...star.values()],
    design: [...design.values()],
    locations,
  };
}

export { planDays, planLength };
