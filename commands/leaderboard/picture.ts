import { drawName, type Glyphs, fitted, loadGlyphs } from "../../src/pictures/glyphs.ts";
import { picture, type Picture } from "../../src/pictures/render.ts";
import { el, rect, svgDocument, text } from "../../src/pictures/svg.ts";
import { THEME } from "../../src/pictures/theme.ts";
import type { Leaderboard, LeaderboardEntry } from "../../src/store/store.ts";

export const BOARD_WIDTH = 800;
const HEADER = 84;
const ROW = 44;
const FOOTER = 52;
const PAD = 28;
const NAME_X = 84;
const NAME_WIDTH = 300;
const BAR_X = 410;
const BAR_WIDTH = 270;

export interface BoardPicture {
  svg: string;
  width: number;
  height: number;
  /** The rows drawn, top to bottom: the top entries, then the caller's own when outside them. */
  rows: { memberId: string; rank: number; name: string; score: number; own: boolean }[];
}

/**
 * The leaderboard as a picture: the top entries with bars for their points, and the caller's own
 * rank (their row outlined and labelled "you"; below a gap when outside the top). Pure: the fonts'
 * widths come in `glyphs`, so names are measured, degraded and cut here.
 */
export function boardPicture(
  board: Leaderboard,
  title: string,
  callerId: string,
  glyphs: Glyphs,
): BoardPicture {
  const own = board.me && !board.top.some((e) => e.memberId === board.me?.memberId) ? board.me : undefined;
  const entries: LeaderboardEntry[] = own ? [...board.top, own] : board.top;
  const max = Math.max(1, ...entries.map((e) => e.score));
  const gap = own ? 18 : 0;
  const listHeight = Math.max(1, entries.length) * ROW + gap;
  const height = HEADER + listHeight + FOOTER;
  const parts: string[] = [];
  const rows: BoardPicture["rows"] = [];

  parts.push(
    text(PAD, 46, fitted(`Leaderboard · ${title}`, BOARD_WIDTH - 2 * PAD, 26, glyphs, true), {
      fill: THEME.text,
      "font-size": 26,
      "font-weight": 700,
    }),
  );
  parts.push(
    text(PAD, 70, `${board.members} ${board.members === 1 ? "member" : "members"} with points`, {
      fill: THEME.muted,
      "font-size": 14,
    }),
  );

  if (entries.length === 0)
    parts.push(text(PAD, HEADER + 28, "Nobody has scored yet.", { fill: THEME.muted, "font-size": 18 }));

  entries.forEach((entry, i) => {
    const isOwn = entry.memberId === callerId;
    const top = HEADER + i * ROW + (own && entry === own ? gap : 0);
    const mid = top + ROW / 2;
    if (own && entry === own)
      parts.push(
        text(BOARD_WIDTH / 2, top - 2, "· · ·", {
          fill: THEME.muted,
          "font-size": 14,
          "text-anchor": "middle",
        }),
      );
    if (isOwn)
      parts.push(
        rect({
          x: PAD - 10,
          y: top + 3,
          width: BOARD_WIDTH - 2 * PAD + 20,
          height: ROW - 6,
          rx: 8,
          fill: THEME.panel,
          stroke: THEME.accent,
          "stroke-width": 2,
        }),
      );
    // The podium is told by a filled badge and the number in it, not by a colour alone.
    const podium = entry.rank <= 3;
    parts.push(
      el("circle", {
        cx: PAD + 20,
        cy: mid,
        r: 15,
        fill: podium ? THEME.accent : "none",
        stroke: podium ? "none" : THEME.border,
        "stroke-width": 2,
      }),
    );
    parts.push(
      text(PAD + 20, mid + 5, String(entry.rank), {
        fill: podium ? THEME.background : THEME.text,
        "font-size": entry.rank >= 100 ? 11 : 14,
        "font-weight": 700,
        "text-anchor": "middle",
      }),
    );
    const suffix = isOwn ? " (you)" : "";
    const room = NAME_WIDTH - glyphs.width(suffix, 17, true);
    const name = drawName(entry.name, `Member #${entry.rank}`, room, 17, glyphs, true) + suffix;
    parts.push(text(NAME_X, mid + 6, name, { fill: THEME.text, "font-size": 17, "font-weight": 700 }));
    const width = Math.max(4, (BAR_WIDTH * entry.score) / max);
    parts.push(rect({ x: BAR_X, y: mid - 8, width: BAR_WIDTH, height: 16, rx: 4, fill: THEME.empty }));
    parts.push(rect({ class: "bar", x: BAR_X, y: mid - 8, width, height: 16, rx: 4, fill: THEME.scale[2] }));
    parts.push(
      text(BOARD_WIDTH - PAD, mid + 6, `${entry.score}`, {
        fill: THEME.text,
        "font-size": 17,
        "font-weight": 700,
        "text-anchor": "end",
      }),
    );
    rows.push({ memberId: entry.memberId, rank: entry.rank, name, score: entry.score, own: isOwn });
  });

  const me = board.me
    ? `You are #${board.me.rank} of ${board.members} with ${board.me.score} points.`
    : "You have no points in this period yet.";
  parts.push(text(PAD, height - 22, me, { fill: THEME.muted, "font-size": 15 }));
  return {
    svg: svgDocument(BOARD_WIDTH, height, THEME.background, parts.join("")),
    width: BOARD_WIDTH,
    height,
    rows,
  };
}

/** Alt text: the board in words, so the picture says nothing the text does not. */
export function boardAlt(board: Leaderboard, title: string): string {
  const lines = board.top.map((e) => `${e.rank}. ${e.name}, ${e.score} points`);
  const me = board.me ? ` You: #${board.me.rank} with ${board.me.score} points.` : "";
  return `Leaderboard, ${title}: ${lines.join("; ") || "nobody has scored yet"}.${me}`;
}

/** The leaderboard's picture as a PNG, with its alt text. Loads the fonts and renderer on first use. */
export async function renderBoard(board: Leaderboard, title: string, callerId: string): Promise<Picture> {
  const drawn = boardPicture(board, title, callerId, await loadGlyphs());
  return picture(drawn.svg, "leaderboard.png", boardAlt(board, title));
}
