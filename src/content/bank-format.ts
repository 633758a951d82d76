/**
 * What `/bank` needs of an import before it parses anything: the formats, the bank's size limit, the
 * CSV columns and how a problem reads. The parsers (yaml, csv-parse) are in bank-import.ts, which
 * `/bank import` loads when it checks a text, so a bot nobody imports into never loads them.
 */

/** The bank's YAML (a topic file with its `questions:` list) or CSV with one question a row. */
export type BankFormat = "yaml" | "csv";

/** Most questions one group (or one workspace's shared bank) may hold. */
export const BANK_QUESTIONS_MAX = 500;

export const CSV_COLUMNS = [
  "id",
  "topic",
  "difficulty",
  "question",
  "option_a",
  "option_b",
  "option_c",
  "option_d",
  "option_e",
  "correct",
  "explanation",
  "tags",
] as const;

export interface ImportProblem {
  line: number;
  field: string;
  message: string;
}

export function formatImportProblem(p: ImportProblem): string {
  return `line ${p.line}${p.field ? ` ${p.field}` : ""}: ${p.message}`;
}

/** YAML unless the first line reads like a CSV header. */
export function detectFormat(text: string): BankFormat {
  const first = text.trimStart().split("\n", 1)[0] ?? "";
  return /^"?id"?\s*,/.test(first) ? "csv" : "yaml";
}
