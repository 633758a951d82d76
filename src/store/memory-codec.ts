import type { MemoryCard } from "../domain/memory.ts";

/**
 * A card as one short string in the member's memory hash (about 50 bytes):
 * stability|difficulty|state|reps|lapses|learningSteps|lastDay|dueDay|answers|correct.
 */
export function encodeCard(card: MemoryCard): string {
  return [
    card.stability,
    card.difficulty,
    card.state,
    card.reps,
    card.lapses,
    card.learningSteps,
    card.lastDay,
    card.dueDay,
    card.answers,
    card.correct,
  ].join("|");
}

export function decodeCard(text: string): MemoryCard | undefined {
  const f = text.split("|");
  if (f.length !== 10) return undefined;
  const n = (i: number) => Number(f[i]);
  return {
    stability: n(0),
    difficulty: n(1),
    state: n(2),
    reps: n(3),
    lapses: n(4),
    learningSteps: n(5),
    lastDay: f[6] as string,
    dueDay: f[7] as string,
    answers: n(8),
    correct: n(9),
  };
}
