import { DateTime } from "luxon";
import type { Day } from "../../src/domain/calendar.ts";
import { drawName, fitted, type Glyphs } from "../../src/pictures/glyphs.ts";
import { el, rect, svgDocument, text } from "../../src/pictures/svg.ts";
import { THEME } from "../../src/pictures/theme.ts";

/** Weeks the calendar shows, the last one being today's. */
export const CALENDAR_WEEKS = 16;
export const CARD_WIDTH = 800;
export const CARD_HEIGHT = 440;

/** One topic's bar: mastery from the learning engine where it exists, else the share answered right. */
export interface TopicBar {
  topic: string;
  /** 0..1, the bar's length. */
  share: number;
  /** What the bar says in words, e.g. "72% · 18 answers". */
  label: string;
}

export interface ProgressCardData {
  name: string;
  /** Today in the group's time zone. */
  today: Day;
  /** Study actions (check-ins, answers, reviews, mock answers) per local day. */
  days: Record<Day, number>;
  /** Days a streak freeze covered, where freezes exist. */
  freezes?: Day[];
  /** Points per ISO week, keyed "2026-W47". */
  weekPoints: Record<string, number>;
  streak: { current: number; best: number };
  points: number;
  answers: number;
  correct: number;
  topics: TopicBar[];
  /** Whether the bars are the learning engine's mastery or the share of answers right. */
  topicsAre: "mastery" | "accuracy";
  /** The topic panel's heading, where it says more than "Topic mastery" or "Accuracy by topic". */
  topicsTitle?: string;
}

export interface CalendarCell {
  day: Day;
  week: number;
  weekday: number;
  count: number;
  level: number;
  freeze: boolean;
}

export interface ProgressCard {
  svg: string;
  width: number;
  height: number;
  cells: CalendarCell[];
  /** Week keys of the calendar's columns, oldest first. */
  weeks: string[];
}

const CELL = 20;
const PITCH = 24;
const PAD = 28;
const GRID_X = PAD + 36;
const GRID_Y = 120;
const BARS_Y = GRID_Y + 7 * PITCH + 50;
const BARS_HEIGHT = 56;
const TOPICS_X = 490;
const TOPICS_WIDTH = CARD_WIDTH - TOPICS_X - PAD;
const MAX_TOPICS = 6;

/** GitHub-like steps: none, 1, 2–3, 4–6, 7 or more actions a day. */
export function level(count: number): number {
  if (count <= 0) return 0;
  if (count === 1) return 1;
  if (count <= 3) return 2;
  if (count <= 6) return 3;
  return 4;
}

/** The calendar's days: Monday of the week 15 weeks before today's, through today. */
export function calendarCells(today: Day, days: Record<Day, number>, freezes: Day[] = []): CalendarCell[] {
  const end = DateTime.fromISO(today, { zone: "utc" });
  const start = end.startOf("week").minus({ weeks: CALENDAR_WEEKS - 1 });
  const frozen = new Set(freezes);
  const cells: CalendarCell[] = [];
  for (let t = start, i = 0; t <= end; t = t.plus({ days: 1 }), i++) {
    const day = t.toISODate() as Day;
    const count = days[day] ?? 0;
    cells.push({
      day,
      week: Math.floor(i / 7),
      weekday: i % 7,
      count,
      level: level(count),
      freeze: frozen.has(day),
    });
  }
  return cells;
}

/** ISO week keys of the calendar's columns, oldest first. */
export function calendarWeeks(today: Day): string[] {
  const monday = DateTime.fromISO(today, { zone: "utc" }).startOf("week");
  return Array.from({ length: CALENDAR_WEEKS }, (_, i) =>
    monday.minus({ weeks: CALENDAR_WEEKS - 1 - i }).toFormat("kkkk-'W'WW"),
  );
}

function cellX(week: number): number {
  return GRID_X + week * PITCH;
}

function calendar(cells: CalendarCell[]): string {
  const parts: string[] = [];
  ["Mon", "Wed", "Fri"].forEach((label, i) =>
    parts.push(text(PAD, GRID_Y + i * 2 * PITCH + 15, label, { fill: THEME.muted, "font-size": 12 })),
  );
  let lastMonth = "";
  for (const cell of cells) {
    const x = cellX(cell.week);
    const y = GRID_Y + cell.weekday * PITCH;
    if (cell.weekday === 0) {
      const month = DateTime.fromISO(cell.day, { zone: "utc" }).toFormat("LLL");
      if (month !== lastMonth) parts.push(text(x, GRID_Y - 8, month, { fill: THEME.muted, "font-size": 12 }));
      lastMonth = month;
    }
    const fill = cell.level === 0 ? "none" : THEME.scale[cell.level - 1];
    parts.push(
      rect({
        class: "day",
        "data-day": cell.day,
        x: x + 0.5,
        y: y + 0.5,
        width: CELL - 1,
        height: CELL - 1,
        rx: 4,
        fill,
        stroke: cell.level === 0 ? THEME.empty : "none",
        "stroke-width": 1.5,
      }),
    );
    if (cell.freeze) parts.push(diamond(x + CELL / 2, y + CELL / 2, 6, "freeze"));
  }
  const last = cells[cells.length - 1];
  if (last) {
    // Today: a ring around its cell.
    parts.push(
      rect({
        x: cellX(last.week) - 2,
        y: GRID_Y + last.weekday * PITCH - 2,
        width: CELL + 4,
        height: CELL + 4,
        rx: 6,
        fill: "none",
        stroke: THEME.text,
        "stroke-width": 1.5,
      }),
    );
  }
  return parts.join("");
}

function diamond(cx: number, cy: number, r: number, cls: string): string {
  return el("polygon", {
    class: cls,
    points: `${cx},${cy - r} ${cx + r},${cy} ${cx},${cy + r} ${cx - r},${cy}`,
    fill: THEME.accent,
    stroke: THEME.background,
    "stroke-width": 1,
  });
}

function legend(y: number, withFreeze: boolean): string {
  const parts: string[] = [text(GRID_X, y + 12, "Less", { fill: THEME.muted, "font-size": 12 })];
  let x = GRID_X + 34;
  for (let l = 0; l <= 4; l++) {
    parts.push(
      rect({
        x,
        y,
        width: 14,
        height: 14,
        rx: 3,
        fill: l === 0 ? "none" : THEME.scale[l - 1],
        stroke: l === 0 ? THEME.empty : "none",
        "stroke-width": 1.5,
      }),
    );
    x += 18;
  }
  parts.push(text(x + 4, y + 12, "More", { fill: THEME.muted, "font-size": 12 }));
  x += 50;
  parts.push(
    rect({ x, y, width: 14, height: 14, rx: 3, fill: "none", stroke: THEME.text, "stroke-width": 1.5 }),
  );
  parts.push(text(x + 20, y + 12, "today", { fill: THEME.muted, "font-size": 12 }));
  if (withFreeze) {
    x += 70;
    parts.push(diamond(x + 7, y + 7, 6, "legend"));
    parts.push(text(x + 20, y + 12, "freeze", { fill: THEME.muted, "font-size": 12 }));
  }
  return parts.join("");
}

function weekBars(weeks: string[], points: Record<string, number>): string {
  const values = weeks.map((w) => points[w] ?? 0);
  const max = Math.max(0, ...values);
  const parts: string[] = [
    text(PAD, BARS_Y - 10, "Points per week", { fill: THEME.muted, "font-size": 12 }),
    text(GRID_X + CALENDAR_WEEKS * PITCH - 4, BARS_Y - 10, max > 0 ? `best ${max}` : "no points yet", {
      fill: THEME.muted,
      "font-size": 12,
      "text-anchor": "end",
    }),
  ];
  values.forEach((value, i) => {
    const h = max > 0 ? Math.max(value > 0 ? 3 : 0, (BARS_HEIGHT * value) / max) : 0;
    parts.push(rect({ x: cellX(i), y: BARS_Y + BARS_HEIGHT, width: CELL, height: 2, fill: THEME.empty }));
    if (h > 0)
      parts.push(
        rect({
          class: "week",
          x: cellX(i),
          y: BARS_Y + BARS_HEIGHT - h,
          width: CELL,
          height: h,
          rx: 3,
          fill: THEME.scale[2],
        }),
      );
  });
  return parts.join("");
}

function topicBars(data: ProgressCardData, glyphs: Glyphs): string {
  const heading = data.topicsTitle ?? (data.topicsAre === "mastery" ? "Topic mastery" : "Accuracy by topic");
  const parts: string[] = [text(TOPICS_X, GRID_Y - 8, heading, { fill: THEME.muted, "font-size": 12 })];
  const topics = data.topics.slice(0, MAX_TOPICS);
  if (topics.length === 0)
    parts.push(text(TOPICS_X, GRID_Y + 20, "No quiz answers yet.", { fill: THEME.muted, "font-size": 14 }));
  topics.forEach((t, i) => {
    const y = GRID_Y + i * 46;
    const label = fitted(t.label, 130, 13, glyphs);
    const labelWidth = glyphs.width(label, 13);
    parts.push(
      text(TOPICS_X, y + 14, drawName(t.topic, "topic", TOPICS_WIDTH - labelWidth - 12, 15, glyphs, true), {
        fill: THEME.text,
        "font-size": 15,
        "font-weight": 700,
      }),
    );
    parts.push(
      text(CARD_WIDTH - PAD, y + 14, label, { fill: THEME.muted, "font-size": 13, "text-anchor": "end" }),
    );
    const share = Math.min(1, Math.max(0, t.share));
    parts.push(rect({ x: TOPICS_X, y: y + 22, width: TOPICS_WIDTH, height: 10, rx: 5, fill: THEME.empty }));
    if (share > 0)
      parts.push(
        rect({
          class: "topic",
          x: TOPICS_X,
          y: y + 22,
          width: Math.max(10, TOPICS_WIDTH * share),
          height: 10,
          rx: 5,
          fill: THEME.scale[2],
        }),
      );
  });
  return parts.join("");
}

/**
 * A member's progress card: a calendar of study days over the last 16 weeks (in the group's zone),
 * points per week under it, topic bars beside it. Pure: the fonts' widths come in `glyphs`.
 */
export function progressCard(data: ProgressCardData, glyphs: Glyphs): ProgressCard {
  const cells = calendarCells(data.today, data.days, data.freezes);
  const weeks = calendarWeeks(data.today);
  const studied = cells.filter((c) => c.count > 0).length;
  const accuracy = data.answers > 0 ? Math.round((100 * data.correct) / data.answers) : undefined;
  const summary = [
    `Streak ${data.streak.current} ${data.streak.current === 1 ? "day" : "days"} (best ${data.streak.best})`,
    `${data.points} points`,
    `${studied} study ${studied === 1 ? "day" : "days"} in ${CALENDAR_WEEKS} weeks`,
    accuracy === undefined ? "no answers yet" : `${accuracy}% of ${data.answers} answers right`,
  ].join("  ·  ");
  const body = [
    text(PAD, 48, drawName(data.name, "Your progress", CARD_WIDTH - 2 * PAD, 26, glyphs, true), {
      fill: THEME.text,
      "font-size": 26,
      "font-weight": 700,
    }),
    text(PAD, 76, fitted(summary, CARD_WIDTH - 2 * PAD, 14, glyphs), { fill: THEME.muted, "font-size": 14 }),
    calendar(cells),
    legend(
      GRID_Y + 7 * PITCH + 6,
      cells.some((c) => c.freeze),
    ),
    weekBars(weeks, data.weekPoints),
    topicBars(data, glyphs),
  ].join("");
  return {
    svg: svgDocument(CARD_WIDTH, CARD_HEIGHT, THEME.background, body),
    width: CARD_WIDTH,
    height: CARD_HEIGHT,
    cells,
    weeks,
  };
}
