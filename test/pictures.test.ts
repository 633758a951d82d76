import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { boardPicture, renderBoard } from "../commands/leaderboard/picture.ts";
import { calendarCells, progressCard, type ProgressCardData } from "../commands/progress/card.ts";
import { topicBars } from "../commands/progress/card-data.ts";
import { renderProgressCard } from "../commands/progress/picture.ts";
import { periodsAt } from "../src/domain/calendar.ts";
import { readFontMetrics } from "../src/pictures/font-tables.ts";
import { fontDir } from "../src/pictures/fonts.ts";
import { drawable, type Glyphs, loadGlyphs } from "../src/pictures/glyphs.ts";
import type { RedisStore } from "../src/store/redis-store.ts";
import type { Credit, Leaderboard } from "../src/store/store.ts";
import { DEMO_DAYS, seedDemoGroup } from "../testkit/demo-group.ts";
import { makeStore } from "./support/harness.ts";

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  expect([...bytes.subarray(0, 8)]).toEqual(signature);
  expect(Buffer.from(bytes.subarray(12, 16)).toString("latin1")).toBe("IHDR");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

const count = (svg: string, pattern: RegExp) => svg.match(new RegExp(pattern, "g"))?.length ?? 0;
/** The text content of every <text> element, unescaped. */
const texts = (svg: string) =>
  [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) =>
    (m[1] ?? "")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, "&"),
  );

let glyphs: Glyphs;
beforeAll(async () => {
  glyphs = await loadGlyphs();
});

describe("names as the shipped fonts can draw them", () => {
  it("keeps Latin, Greek, Cyrillic, Arabic and emoji, and drops what no font covers instead of drawing boxes", () => {
    expect(drawable("Zoë Ωμέγα Пётр", glyphs)).toBe("Zoë Ωμέγα Пётр");
    expect(drawable("محمد علي", glyphs)).toBe("محمد علي");
    expect(drawable("Dana 🚀 👩🏽‍💻", glyphs)).toBe("Dana 🚀 👩🏽‍💻");
    expect(drawable("Kim 김민준", glyphs)).toBe("Kim");
    expect(drawable("山田Taro太郎Ken", glyphs)).toBe("Taro Ken");
    expect(drawable("山田太郎", glyphs)).toBe("");
    // Bidi overrides and controls could scramble the picture: they go.
    expect(drawable("\u202eevil\u0007 name", glyphs)).toBe("evil name");
  });

  it("reads a font's character map and widths, and names what a file lacks", () => {
    const inter = readFileSync(join(fontDir(), "Inter-Regular.ttf"));
    const { advances } = readFontMetrics(inter);
    expect(advances.get("W".codePointAt(0) ?? 0)).toBeGreaterThan(advances.get("i".codePointAt(0) ?? 0) ?? 1);
    expect(advances.has(0x5c71)).toBe(false);
    const tablesCount = inter.readUInt16BE(4);
    expect(() => readFontMetrics(inter.subarray(0, 12 + 16 * tablesCount))).toThrow(/outside the file/);
    expect(() => readFontMetrics(inter.subarray(0, 20))).toThrow(/cut off/);
    const noCmap = Buffer.from(inter);
    for (let i = 0; i < tablesCount; i++)
      if (noCmap.toString("latin1", 12 + 16 * i, 16 + 16 * i) === "cmap")
        noCmap.write("xxxx", 12 + 16 * i, "latin1");
    expect(() => readFontMetrics(noCmap)).toThrow(/cmap/);
  });

  it("measures text with the fonts' own widths", () => {
    expect(glyphs.width("WWWW", 20)).toBeGreaterThan(glyphs.width("iiii", 20));
    expect(glyphs.width("abc", 20, true)).toBeGreaterThan(glyphs.width("abc", 20) * 0.95);
    expect(glyphs.width("山", 20)).toBe(0);
  });
});

function board(n: number, me?: { rank: number; score: number }): Leaderboard {
  const names = [
    "Ana Souza",
    "Zoë 🎉",
    "محمد علي",
    "山田太郎",
    "Пётр",
    "Kim 김민준",
    "A".repeat(80),
    "O'Brien <b>&",
    "Lee",
    "Sam",
    "Extra",
  ];
  const top = Array.from({ length: n }, (_, i) => ({
    memberId: `m${i}`,
    name: names[i] ?? `N${i}`,
    score: 300 - 20 * i,
    rank: i + 1,
  }));
  return {
    top,
    me: me ? { memberId: "caller", name: "Caller \u202eX", ...me } : top[0],
    members: 23,
  };
}

describe("leaderboard picture", () => {
  it("draws the top ten and, below a gap, the caller's own rank, with bars in proportion", () => {
    const drawn = boardPicture(board(10, { rank: 14, score: 45 }), "this week (2026-W49)", "caller", glyphs);
    expect(drawn.rows.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 14]);
    expect(count(drawn.svg, /class="bar"/)).toBe(11);
    expect(drawn.rows.at(-1)).toMatchObject({ own: true, name: "Caller X (you)", score: 45 });
    const widths = [...drawn.svg.matchAll(/class="bar"[^>]*width="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(widths[0]).toBeCloseTo(270);
    expect(widths[10]).toBeCloseTo((270 * 45) / 300);
    // Degraded names: uncovered scripts dropped, a name with nothing left gets a placeholder, long ones cut.
    const names = drawn.rows.map((r) => r.name);
    expect(names[3]).toBe("Member #4");
    expect(names[5]).toBe("Kim");
    expect(names[6]?.endsWith("…")).toBe(true);
    expect(glyphs.width(names[6] ?? "", 17, true)).toBeLessThanOrEqual(300);
    // Markup in a name is text, escaped in the SVG.
    expect(texts(drawn.svg)).toContain("O'Brien <b>&");
    expect(drawn.svg).not.toContain("<b>");
    // Every character drawn is one a shipped font has.
    for (const t of texts(drawn.svg))
      for (const ch of t)
        if (ch !== "\u200d" && ch !== "\ufe0f") expect(glyphs.covers(ch.codePointAt(0) ?? 0), ch).toBe(true);
  });

  it("marks the caller's row inside the top without a second row, and says so when nobody scored", () => {
    const inside = boardPicture(board(5), "all time", "m0", glyphs);
    expect(inside.rows).toHaveLength(5);
    expect(inside.rows.filter((r) => r.own).map((r) => r.rank)).toEqual([1]);
    const empty = boardPicture({ top: [], members: 0 }, "all time", "x", glyphs);
    expect(empty.rows).toHaveLength(0);
    expect(texts(empty.svg)).toContain("Nobody has scored yet.");
  });

  it("renders to a PNG of the drawn size, within 150 KB, with the board in its alt text", async () => {
    const pic = await renderBoard(board(10, { rank: 14, score: 45 }), "this week", "caller");
    expect(pngSize(pic.bytes)).toEqual({ width: pic.width, height: pic.height });
    expect(pic.width).toBe(800);
    expect(pic.bytes.length).toBeLessThan(150 * 1024);
    expect(pic.fileName).toBe("leaderboard.png");
    expect(pic.alt).toContain("1. Ana Souza, 300 points");
    expect(pic.alt).toContain("#14");
  });
});

function cardData(overrides: Partial<ProgressCardData> = {}): ProgressCardData {
  return {
    name: "Zoë 🎉",
    today: "2026-12-06",
    days: { "2026-12-06": 2, "2026-12-01": 9, "2026-08-17": 1, "2026-08-16": 5 },
    weekPoints: { "2026-W49": 40, "2026-W34": 10 },
    streak: { current: 1, best: 4 },
    points: 120,
    answers: 10,
    correct: 7,
    topics: [{ topic: "All topics", share: 0.7, label: "70% · 10 answers" }],
    topicsAre: "accuracy",
    ...overrides,
  };
}

describe("progress card", () => {
  it("draws 16 weeks of days up to today, Monday first, by level", () => {
    // 2026-12-06 is a Sunday: 16 full weeks from Monday 17 August.
    const card = progressCard(cardData(), glyphs);
    expect(card.cells).toHaveLength(112);
    expect(count(card.svg, /class="day"/)).toBe(112);
    expect(card.cells[0]).toMatchObject({ day: "2026-08-17", weekday: 0, level: 1 });
    expect(card.cells.find((c) => c.day === "2026-12-01")?.level).toBe(4);
    expect(card.cells.find((c) => c.day === "2026-08-16")).toBeUndefined();
    expect(card.weeks[0]).toBe("2026-W34");
    expect(card.weeks.at(-1)).toBe("2026-W49");
    // A Monday: 15 full weeks and today.
    expect(calendarCells("2026-12-07", {})).toHaveLength(106);
  });

  it("draws a bar per week with points and a bar per topic, and freezes only when given", () => {
    const card = progressCard(cardData(), glyphs);
    expect(count(card.svg, /class="week"/)).toBe(2);
    expect(count(card.svg, /class="topic"/)).toBe(1);
    expect(count(card.svg, /class="freeze"/)).toBe(0);
    expect(texts(card.svg)).not.toContain("freeze");
    const frozen = progressCard(cardData({ freezes: ["2026-11-20", "2026-11-21", "2020-01-01"] }), glyphs);
    expect(count(frozen.svg, /class="freeze"/)).toBe(2);
    expect(texts(frozen.svg)).toContain("freeze");
  });

  it("shows mastery when the learning engine has it, else accuracy per topic, else all answers together", () => {
    const mastery = topicBars(
      {
        mastery: [
          { topic: "sql", mastery: 0.4, answers: 3 },
          { topic: "node", mastery: 0.9, answers: 12 },
        ],
      },
      15,
      9,
    );
    expect(mastery.topicsAre).toBe("mastery");
    expect(mastery.topics.map((t) => [t.topic, t.label])).toEqual([
      ["node", "90% · 12 answers"],
      ["sql", "40% · 3 answers"],
    ]);
    const accuracy = topicBars(
      {
        topicAnswers: [
          { topic: "sql", answers: 4, correct: 1 },
          { topic: "x", answers: 0, correct: 0 },
        ],
      },
      4,
      1,
    );
    expect(accuracy).toEqual({
      topicsAre: "accuracy",
      topics: [{ topic: "sql", share: 0.25, label: "25% · 4 answers" }],
    });
    expect(topicBars({}, 10, 7).topics).toEqual([
      { topic: "All topics", share: 0.7, label: "70% · 10 answers" },
    ]);
    expect(topicBars({}, 0, 0).topics).toEqual([]);
  });
});

describe("progress card from the store", () => {
  let store: RedisStore;
  const g = "test:w:pictures";
  beforeAll(async () => {
    store = await makeStore();
  });
  afterAll(async () => {
    await store.close();
  });

  it("reads the member's days in the group's zone, points per week and a live streak, and renders them", async () => {
    const zone = "America/Los_Angeles";
    const credit = (now: number): Credit => ({
      memberId: "ann",
      name: "Ann",
      periods: periodsAt(now, zone),
      timezone: zone,
    });
    // 03:00 UTC on 1 December is still 30 November in Los Angeles.
    const late = Date.parse("2026-12-01T03:00:00Z");
    await store.checkIn(g, "plan", 1, credit(late));
    await store.creditAction(g, credit(late), { points: 10, perDay: 3 }, "mocks");
    const now = Date.parse("2026-12-01T18:00:00Z");
    const pic = await renderProgressCard(store, {
      group: g,
      memberId: "ann",
      name: "Ann",
      now,
      calendar: { timezone: zone, weekdaysOnly: false },
    });
    expect(pic.data.today).toBe("2026-12-01");
    expect(pic.data.days).toEqual({ "2026-11-30": 2 });
    expect(pic.data.weekPoints["2026-W49"]).toBe(15);
    expect(Object.keys(pic.data.weekPoints)).toHaveLength(16);
    expect(pic.data.streak).toEqual({ current: 1, best: 1 });
    expect(pic.data.points).toBe(15);
    // No quiz answers: no topic bars, and no freezes to mark.
    expect(pic.data.topics).toEqual([]);
    expect(pic.data.freezes).toEqual([]);
    expect(pngSize(pic.bytes)).toEqual({ width: 800, height: 440 });
    expect(pic.bytes.length).toBeLessThan(150 * 1024);
    expect(pic.alt).toContain("Progress of Ann");
    expect(pic.alt).toContain("1 study day in the last 16 weeks");
  });

  it("marks the days a streak freeze covered and shows accuracy by topic from the recent days' statistics", async () => {
    const group = "test:w:pictures-freeze";
    const credit = (day: string): Credit => ({
      memberId: "bo",
      name: "Bo",
      periods: periodsAt(Date.parse(`${day}T12:00:00Z`), "UTC"),
      timezone: "UTC",
    });
    // Seven days in a row earn a freeze; 8 November is missed and the next study day spends it.
    for (let d = 1; d <= 7; d++)
      await store.creditAction(group, credit(`2026-11-0${d}`), { points: 10, perDay: 3 }, "mocks");
    await store.creditAction(group, credit("2026-11-09"), { points: 10, perDay: 3 }, "mocks");
    // Two closed rounds on 9 November: Bo right on caching, wrong on sql.
    const at = Date.parse("2026-11-09T12:00:00Z");
    const closedRound = async (id: string, topic: string, answers: [string, boolean][]) => {
      await store.createRound(
        group,
        {
          id,
          questionId: `q-${id}`,
          answer: 0,
          optionCount: 2,
          startedBy: "bo",
          startedAt: at,
          closesAt: at + 60_000,
          timezone: "UTC",
        },
        3600,
      );
      for (const [memberId, correct] of answers)
        await store.answerRound(group, id, correct ? 0 : 1, at + 1000, {
          ...credit("2026-11-09"),
          memberId,
          name: memberId,
        });
      await store.closeRound(group, id);
      await store.recordRoundStats(group, "2026-11-09", id, topic);
    };
    await closedRound("r1", "caching", [["bo", true]]);
    await closedRound("r2", "sql", [
      ["bo", false],
      ["cy", true],
    ]);
    const pic = await renderProgressCard(store, {
      group,
      memberId: "bo",
      name: "Bo",
      now: Date.parse("2026-11-09T20:00:00Z"),
      calendar: { timezone: "UTC", weekdaysOnly: false },
    });
    expect(pic.data.freezes).toEqual(["2026-11-08"]);
    expect(pic.data.streak.current).toBe(8);
    const card = progressCard(pic.data, glyphs);
    expect(card.cells.filter((c) => c.freeze).map((c) => c.day)).toEqual(["2026-11-08"]);
    expect(count(card.svg, /class="freeze"/)).toBe(1);
    expect(pic.data.topicsTitle).toBe("Accuracy by topic, last 35 days");
    expect(pic.data.topics.map((t) => [t.topic, t.label])).toEqual([
      ["caching", "100% · 1 answer"],
      ["sql", "0% · 1 answer"],
    ]);
  });
});

describe("the demo group", () => {
  it("is seeded through the store's own steps, and its leaderboard picture names its members", async () => {
    const store = await makeStore();
    try {
      const end = Date.parse("2026-12-04T11:00:00Z");
      const demo = await seedDemoGroup(store, end);
      const board = await store.leaderboard(demo.group, { kind: "all" }, "u07", 10);
      expect(board.top).toHaveLength(10);
      const pic = await renderBoard(board, "all time", "u07");
      expect(pngSize(pic.bytes)).toEqual({ width: pic.width, height: pic.height });
      expect(pic.alt).toContain("Ana Souza");
      const days = await store.studyDays(demo.group, "u01");
      expect(Object.keys(days).length).toBeGreaterThan(60);
      expect(Object.keys(days).length).toBeLessThanOrEqual(DEMO_DAYS);
    } finally {
      await store.close();
    }
  });
});
