import type { DesignPrompt, Plan, QuizFile, QuizQuestion, StarPrompt } from "./schemas.ts";

/** A quiz topic as the bot keeps it: its questions are in `Content.questions`, held once. */
export type Topic = Omit<QuizFile, "questions"> & { questionCount: number };

/**
 * The study content as the bot holds it, and its problems: what the running bot and the features need
 * of content, without the YAML parser (src/content/loader.ts) that only the content loader loads.
 */

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

/** Where an item was defined, for problems found after loading. */
export interface Location {
  file: string;
  line: number;
  column: number;
  field: string;
}

export interface Content {
  plans: Map<string, Plan>;
  topics: Map<string, Topic>;
  questions: Map<string, Question>;
  star: StarPrompt[];
  design: DesignPrompt[];
  /** Where each plan day ("day:plan:n"), question, star and design prompt ("kind:id") is defined. */
  locations: Map<string, Location>;
}
