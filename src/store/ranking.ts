import type { LeaderboardEntry } from "./store.ts";

/** Competition ranking over scores sorted high to low: equal scores share a rank ("1, 2, 2, 4"). */
export function rankEntries(sorted: { memberId: string; score: number }[]): Omit<LeaderboardEntry, "name">[] {
  let rank = 0;
  let previous: number | undefined;
  return sorted.map((entry, i) => {
    if (entry.score !== previous) rank = i + 1;
    previous = entry.score;
    return { ...entry, rank };
  });
}
