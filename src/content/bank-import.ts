import { parse as parseCsv } from "csv-parse/sync";
import { isNode, LineCounter, parseAllDocuments } from "yaml";
import { z } from "zod";
import { giveawaysIn } from "./giveaways.ts";
import type { Content, Question } from "./model.ts";
import { normalizedWords, SIMILARITY_LIMIT, similarity } from "./quality.ts";
import { quizFileSchema, quizQuestionSchema } from "./schemas.ts";
import { BANK_QUESTIONS_MAX, type BankFormat, CSV_COLUMNS, type ImportProblem } from "./bank-format.ts";

export {
  BANK_QUESTIONS_MAX,
  type BankFormat,
  CSV_COLUMNS,
  detectFormat,
  formatImportProblem,
  type ImportProblem,
} from "./bank-format.ts";

/**
 * A group's own questions, pasted (or, later, uploaded) as text, validated with the shipped bank's
 * schema and quality checks; every problem names the line and field of the text.
 */

const REQUIRED_COLUMNS = ["id", "topic", "difficulty", "question", "option_a", "option_b", "correct", "explanation", "tags"];
const LETTERS = ["a", "b", "c", "d", "e"];

/** A question as imported, with the line it starts on. */
interface Imported {
  question: Question;
  line: number;
  /** The field name for a path inside this question, as the text spells it. */
  field: (path: (string | number)[]) => string;
  locate: (path: (string | number)[]) => number;
}

const importFileSchema = z.strictObject({
  topic: quizFileSchema.shape.topic,
  title: quizFileSchema.shape.title.optional(),
  questions: z.array(quizQuestionSchema).min(1, "needs at least one question"),
});

function withAnswer(q: z.output<typeof quizQuestionSchema>, topic: string): Question {
  return { ...q, topic, answer: q.options.findIndex((o) => o.correct) };
}

function fromYaml(text: string, problems: ImportProblem[]): Imported[] {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineAt = (offset: number) => lineCounter.linePos(offset).line;
  const out: Imported[] = [];
  for (const doc of Array.isArray(docs) ? docs : []) {
    if (doc.errors.length > 0) {
      for (const err of doc.errors) {
        problems.push({ line: lineAt(err.pos[0]), field: "", message: err.message.split("\n")[0] ?? "" });
      }
      continue;
    }
    const locate = (path: (string | number)[]) => {
      for (let n = path.length; n >= 0; n--) {
        const node = doc.getIn(path.slice(0, n), true);
        if (isNode(node) && node.range) return lineAt(node.range[0]);
      }
      return 1;
    };
    const result = importFileSchema.safeParse(doc.toJS());
    if (!result.success) {
      for (const issue of result.error.issues) {
        const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
        problems.push({ line: locate(path), field: path.join("."), message: issue.message });
      }
      continue;
    }
    result.data.questions.forEach((q, i) => {
      const base = ["questions", i];
      out.push({
        question: withAnswer(q, result.data.topic),
        line: locate(base),
        field: (path) => [...base, ...path].join("."),
        locate: (path) => locate([...base, ...path]),
      });
    });
  }
  return out;
}

function csvField(path: (string | number)[]): string {
  const [first, index, last] = path;
  if (first === "options" && typeof index === "number" && last === "text") return `option_${LETTERS[index]}`;
  if (first === "options") return "correct";
  return String(first ?? "");
}

function fromCsv(text: string, problems: ImportProblem[]): Imported[] {
  let rows: { record: Record<string, string>; raw: string; info: { lines: number } }[];
  try {
    rows = parseCsv(text, { columns: true, info: true, raw: true, skip_empty_lines: true, bom: true });
  } catch (err) {
    const e = err as { lines?: number; message?: string };
    problems.push({ line: e.lines ?? 1, field: "", message: (e.message ?? "not valid CSV").replace(/^Invalid \w+ Length: /, "") });
    return [];
  }
  const header = (text.trimStart().split("\n", 1)[0] ?? "").split(",").map((c) => c.trim().replace(/^"|"$/g, ""));
  const unknown = header.filter((c) => !(CSV_COLUMNS as readonly string[]).includes(c));
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  if (unknown.length > 0 || missing.length > 0) {
    const parts = [
      ...(unknown.length > 0 ? [`unknown column(s) ${unknown.join(", ")}`] : []),
      ...(missing.length > 0 ? [`missing column(s) ${missing.join(", ")}`] : []),
    ];
    problems.push({ line: 1, field: "", message: `${parts.join("; ")}. The columns are: ${CSV_COLUMNS.join(", ")}` });
    return [];
  }
  const out: Imported[] = [];
  for (const { record, raw, info } of rows) {
    const line = info.lines - (raw.replace(/^\s*\n/, "").replace(/\r?\n$/, "").match(/\n/g)?.length ?? 0);
    const letter = (record.correct ?? "").trim().toLowerCase();
    const options = LETTERS.map((l) => record[`option_${l}`]?.trim() ?? "")
      .map((t, i) => ({ text: t, correct: LETTERS[i] === letter }))
      .filter((o) => o.text !== "");
    const at = (path: (string | number)[]) => ({ line, field: csvField(path) });
    if (!LETTERS.includes(letter) || !options.some((o) => o.correct)) {
      problems.push({ ...at(["options"]), message: `must be the letter of a filled option (a to e), not "${record.correct ?? ""}"` });
      continue;
    }
    const topic = quizFileSchema.shape.topic.safeParse(record.topic?.trim());
    if (!topic.success) {
      problems.push({ ...at(["topic"]), message: topic.error.issues[0]?.message ?? "invalid topic" });
      continue;
    }
    const result = quizQuestionSchema.safeParse({
      id: record.id?.trim(),
      difficulty: record.difficulty?.trim(),
      tags: (record.tags ?? "").split(/[\s,;|]+/).filter(Boolean),
      question: record.question,
      options,
      explanation: record.explanation,
    });
    if (!result.success) {
      for (const issue of result.error.issues) {
        const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
        problems.push({ ...at(path), message: issue.message });
      }
      continue;
    }
    out.push({ question: withAnswer(result.data, topic.data), line, field: csvField, locate: () => line });
  }
  return out;
}

/** What an import is checked against: the shipped bank, and the banks this group already sees. */
export interface ImportTarget {
  content: Content;
  /** Questions the group sees already (its own and its workspace's). */
  existing: readonly Question[];
  /** How many questions the bank being imported into holds. */
  bankSize: number;
}

/**
 * Parses and checks pasted text. Returns the questions only when there is no problem at all: an
 * import is saved whole or not at all.
 */
export function checkImport(
  text: string,
  format: BankFormat,
  target: ImportTarget,
): { questions: Question[]; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const imported = format === "csv" ? fromCsv(text, problems) : fromYaml(text, problems);
  if (imported.length === 0 && problems.length === 0) {
    problems.push({ line: 1, field: "", message: "no questions found" });
  }
  const existingIds = new Set(target.existing.map((q) => q.id));
  const seen = new Map<string, number>();
  const compared = target.existing.map((q) => ({ id: q.id, words: wordsOf(q) }));
  for (const item of imported) {
    const q = item.question;
    const problem = (path: (string | number)[], message: string) =>
      problems.push({ line: item.locate(path), field: item.field(path), message });
    if (target.content.topics.has(q.topic)) {
      problem(["topic"], `"${q.topic}" is a topic of the shipped bank; give your questions a topic of their own`);
    }
    if (target.content.questions.has(q.id)) problem(["id"], `"${q.id}" is the id of a shipped question`);
    else if (existingIds.has(q.id)) problem(["id"], `"${q.id}" is in your bank already (remove it first to replace it)`);
    else if (seen.has(q.id)) problem(["id"], `duplicate id "${q.id}" (first on line ${seen.get(q.id)})`);
    seen.set(q.id, item.line);
    if (Object.keys(q.days).length > 0) problem(["days"], "plan days are for the shipped bank; leave days out");
    if (!q.reviewed?.giveaway) {
      for (const reason of giveawaysIn(q, () => false)) {
        problem(["options"], `likely giveaway: ${reason}. Fix it, or add reviewed: { giveaway: "<why it is not one>" }`);
      }
    }
    const words = wordsOf(q);
    const alike = compared.find((c) => c.id !== q.id && similarity(c.words, words) >= SIMILARITY_LIMIT);
    if (alike) problem(["question"], `nearly the same as "${alike.id}"`);
    compared.push({ id: q.id, words });
  }
  const total = target.bankSize + imported.length;
  if (problems.length === 0 && total > BANK_QUESTIONS_MAX) {
    problems.push({
      line: 1,
      field: "",
      message: `a bank holds at most ${BANK_QUESTIONS_MAX} questions: it has ${target.bankSize}, and this adds ${imported.length}`,
    });
  }
  return { questions: problems.length === 0 ? imported.map((i) => i.question) : [], problems };
}

function wordsOf(q: Question): Set<string> {
  return normalizedWords(`${q.question} ${q.options.map((o) => o.text).join(" ")}`);
}
