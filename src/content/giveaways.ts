import type { Content, ContentProblem, Question } from "./model.ts";
import { normalizedWords } from "./quality.ts";

/** The correct option is "far longer" when it is this much longer than the longest other option... */
const LONGER_RATIO = 1.25;
/** ...and by at least this many characters (short options differ by a word without giving anything away). */
const LONGER_MIN_CHARS = 10;
/** Stem words found in more than this share of the bank's questions are too common to give anything away. */
const COMMON_WORD_SHARE = 0.02;
/** The correct option restates the stem when this share of its words comes from the stem... */
const RESTATES_SHARE = 0.6;

/** Words two phrasings of one statement differ by; "a" stays, as it names an option or a queue. */
const FILLER = new Set(["an", "the", "of", "is", "are", "that", "which"]);

const HEDGES = /\b(usually|may|might|can(?!['’]t|not)|could|often|typically|generally|sometimes|mostly|likely|tends?)\b/i;

/** A likely giveaway: a reason a player could pick the answer without knowing the subject. */
export interface Giveaway {
  questionId: string;
  reason: string;
}

function numbers(text: string): Set<string> {
  return new Set(
    [...text.replace(/(\d),(?=\d{3}\b)/g, "$1").matchAll(/(?<![\w.])\d+(?:\.\d+)?(?![\w.]*\d)/g)].map((m) => m[0]),
  );
}

/** A word reduced to a rough stem, so "weights" meets "weight" and "retrying" meets "retry". */
function stem(word: string): string {
  return word
    .replace(/ies$/, "y")
    .replace(/(?<=\w{3})(ing|ed|es|s)$/, "")
    .replace(/(?<=\w{3})e$/, "");
}

function stems(text: string): Set<string> {
  return new Set([...normalizedWords(text)].filter((w) => !/^\d/.test(w)).map(stem));
}

/** How many questions of the bank use each stem, in the stem or the options. */
function stemFrequency(questions: readonly Question[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const q of questions) {
    for (const s of stems(`${q.question} ${q.options.map((o) => o.text).join(" ")}`)) {
      counts.set(s, (counts.get(s) ?? 0) + 1);
    }
  }
  return counts;
}

/** An option's words in order, without filler, case or punctuation: two options equal here say the same. */
function sequenceOf(text: string): string {
  return text
    .toLowerCase()
    .split(/[\s,;.!?()]+/)
    .filter((w) => w && !FILLER.has(w))
    .map(stem)
    .join(" ");
}

function quoted(items: Iterable<string>): string {
  return [...items].map((i) => `"${i}"`).join(", ");
}

/** The likely giveaways in one question; `common` says which stems the bank uses too often to count. */
export function giveawaysIn(q: Question, common: (stem: string) => boolean): string[] {
  const correct = q.options[q.answer];
  if (!correct) return [];
  const wrong = q.options.filter((_, i) => i !== q.answer);
  const reasons: string[] = [];

  const longestWrong = Math.max(...wrong.map((o) => o.text.length));
  if (correct.text.length >= longestWrong * LONGER_RATIO && correct.text.length - longestWrong >= LONGER_MIN_CHARS) {
    reasons.push(
      `the correct option is far longer than the others (${correct.text.length} characters, the next ${longestWrong})`,
    );
  }

  const stemNumbers = numbers(q.question);
  const sharedNumbers = [...numbers(correct.text)].filter(
    (n) => stemNumbers.has(n) && !wrong.some((o) => numbers(o.text).has(n)),
  );
  if (sharedNumbers.length > 0) {
    reasons.push(`only the correct option repeats the stem's number ${quoted(sharedNumbers)}`);
  }

  const stemWords = [...stems(q.question)].filter((s) => !common(s));
  const correctWords = stems(correct.text);
  const wrongWords = wrong.map((o) => stems(o.text));
  const sharedWords = stemWords.filter((s) => correctWords.has(s) && !wrongWords.some((w) => w.has(s)));
  if (sharedWords.length > 0) {
    reasons.push(`only the correct option shares the stem's word ${quoted(sharedWords)}`);
  }

  if (wrong.length >= 2 && HEDGES.test(correct.text) && !wrong.some((o) => HEDGES.test(o.text))) {
    reasons.push(`only the correct option hedges ("${HEDGES.exec(correct.text)?.[0]}")`);
  }

  const questionWords = normalizedWords(q.question);
  const words = q.options.map((o) => normalizedWords(o.text));
  const fromStem = (ws: Set<string>) => (ws.size === 0 ? 0 : [...ws].filter((w) => questionWords.has(w)).length / ws.size);
  const correctShare = fromStem(words[q.answer] ?? new Set());
  const wrongShare = Math.max(...words.filter((_, i) => i !== q.answer).map(fromStem));
  if ((words[q.answer]?.size ?? 0) >= 3 && correctShare >= RESTATES_SHARE && correctShare >= 2 * wrongShare) {
    reasons.push("the correct option restates the stem");
  }

  const sequences = q.options.map((o) => sequenceOf(o.text));
  sequences.forEach((a, i) => {
    const j = sequences.findIndex((b, k) => k > i && b === a);
    if (a && j > 0) reasons.push(`options ${i + 1} and ${j + 1} say the same thing in other words`);
  });
  return reasons;
}

/** Every likely giveaway in the bank, reviewed or not. */
export function findGiveaways(content: Content): Giveaway[] {
  const questions = [...content.questions.values()];
  const frequency = stemFrequency(questions);
  const limit = Math.max(3, questions.length * COMMON_WORD_SHARE);
  const common = (s: string) => (frequency.get(s) ?? 0) > limit;
  return questions.flatMap((q) => giveawaysIn(q, common).map((reason) => ({ questionId: q.id, reason })));
}

/**
 * The content check's rule: a likely giveaway fails the check until the question is fixed or marked
 * `reviewed: { giveaway: "why it is not one" }`. Reviewed ones are returned apart, to be counted.
 */
export function unreviewedGiveaways(content: Content): { problems: ContentProblem[]; reviewed: number } {
  const problems: ContentProblem[] = [];
  let reviewed = 0;
  for (const g of findGiveaways(content)) {
    if (content.questions.get(g.questionId)?.reviewed?.giveaway) {
      reviewed++;
      continue;
    }
    const at = content.locations.get(`question:${g.questionId}`);
    problems.push({
      file: at?.file ?? "content",
      line: at?.line ?? 1,
      column: at?.column ?? 1,
      field: at?.field ?? "",
      message: `likely giveaway in "${g.questionId}": ${g.reason}. Fix the question, or add reviewed: { giveaway: "<why it is not one>" }`,
    });
  }
  return { problems, reviewed };
}
