import { describe, expect, it } from "vitest";
import { Rating } from "ts-fsrs";
import {
  dueAt,
  isMastered,
  type MemoryCard,
  ratingFor,
  retrievability,
  review,
} from "../src/domain/memory.ts";
import { decodeCard, encodeCard } from "../src/store/memory-codec.ts";

const at = (iso: string) => Date.parse(iso);

describe("members' memory of questions (FSRS)", () => {
  it("rates a wrong answer Again and a right one Good, in one place", () => {
    expect(ratingFor(false)).toBe(Rating.Again);
    expect(ratingFor(true)).toBe(Rating.Good);
  });

  it("schedules a right answer later than a wrong one, and later again after a second right one", () => {
    const now = at("2026-05-04T10:00:00Z");
    const right = review(undefined, true, now, "UTC");
    const wrong = review(undefined, false, now, "UTC");
    expect(right).toMatchObject({ lastDay: "2026-05-04", answers: 1, correct: 1, reps: 1 });
    expect(wrong).toMatchObject({ lastDay: "2026-05-04", dueDay: "2026-05-05", answers: 1, correct: 0 });
    expect(right.dueDay > wrong.dueDay).toBe(true);
    const again = review(right, true, dueAt(right, "UTC"), "UTC");
    const firstGap = Date.parse(right.dueDay) - Date.parse(right.lastDay);
    expect(Date.parse(again.dueDay) - Date.parse(again.lastDay)).toBeGreaterThan(firstGap);
    expect(again).toMatchObject({ answers: 2, correct: 2, reps: 2 });
    // A lapse after that brings it back much sooner and counts as one.
    const lapse = review(again, false, dueAt(again, "UTC"), "UTC");
    expect(lapse).toMatchObject({ lapses: 1, answers: 3, correct: 2 });
    const gap = (c: MemoryCard) => Date.parse(c.dueDay) - Date.parse(c.lastDay);
    expect(gap(lapse)).toBeLessThan(gap(again));
  });

  it("counts local days in the group's zone: late evening in Kathmandu is already tomorrow", () => {
    // 20:00 UTC is 01:45 the next day in Kathmandu (+05:45).
    const card = review(undefined, false, at("2026-05-04T20:00:00Z"), "Asia/Kathmandu");
    expect(card.lastDay).toBe("2026-05-05");
    expect(card.dueDay).toBe("2026-05-06");
    expect(new Date(dueAt(card, "Asia/Kathmandu")).toISOString()).toBe("2026-05-05T18:15:00.000Z");
  });

  it("falls due at the local start of its day across a clock change", () => {
    // Berlin moves to summer time on 29 March 2026: the 29th starts at 23:00 UTC on the 28th, the 30th at 22:00.
    const wrong = review(undefined, false, at("2026-03-28T12:00:00Z"), "Europe/Berlin");
    expect(wrong.dueDay).toBe("2026-03-29");
    expect(new Date(dueAt(wrong, "Europe/Berlin")).toISOString()).toBe("2026-03-28T23:00:00.000Z");
    const next = review(wrong, false, dueAt(wrong, "Europe/Berlin"), "Europe/Berlin");
    expect(next.lastDay).toBe("2026-03-29");
    expect(new Date(dueAt(next, "Europe/Berlin")).toISOString()).toBe("2026-03-29T22:00:00.000Z");
    // New York's autumn change: a card due on 1 November starts at local midnight, 04:00 UTC.
    const ny: MemoryCard = { ...wrong, lastDay: "2026-10-31", dueDay: "2026-11-01" };
    expect(new Date(dueAt(ny, "America/New_York")).toISOString()).toBe("2026-11-01T04:00:00.000Z");
  });

  it("calls a card mastered while recall tomorrow is above 90%, never one just missed, and not once it has faded", () => {
    const missed = review(undefined, false, at("2026-05-04T10:00:00Z"), "UTC");
    expect(isMastered(missed, at("2026-05-04T11:00:00Z"), "UTC")).toBe(false);
    let card = review(undefined, true, at("2026-05-04T10:00:00Z"), "UTC");
    for (let i = 0; i < 3; i++) card = review(card, true, dueAt(card, "UTC"), "UTC");
    const dayAfter = at(`${card.lastDay}T12:00:00Z`) + 24 * 3600_000;
    expect(retrievability(card, dayAfter, "UTC")).toBeGreaterThan(0.9);
    expect(isMastered(card, dayAfter, "UTC")).toBe(true);
    const muchLater = at(`${card.dueDay}T12:00:00Z`) + 365 * 24 * 3600_000;
    expect(isMastered(card, muchLater, "UTC")).toBe(false);
  });

  it("keeps a card as a short string and reads it back", () => {
    const card = review(undefined, true, at("2026-05-04T10:00:00Z"), "UTC");
    const text = encodeCard(card);
    expect(text.length).toBeLessThan(70);
    expect(decodeCard(text)).toEqual(card);
    expect(decodeCard("garbage")).toBeUndefined();
  });
});
