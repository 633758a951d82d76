import { readFileSync } from "node:fs";
import { join } from "node:path";
import { readFontMetrics } from "./font-tables.ts";
import { FONT_FILES, fontDir } from "./fonts.ts";

/**
 * What the shipped fonts can draw: per code point, its advance width in ems (regular and bold).
 * Read once from the fonts' character maps, so a name is measured and, where a script is not
 * covered (CJK, Hangul, Devanagari...), degraded before it is drawn, never drawn as empty boxes.
 */
export interface Glyphs {
  /** Whether a shipped font has this code point (joiners and modifiers aside, see drawable). */
  covers(codePoint: number): boolean;
  /** Width of the text in px at this size; characters not covered count as nothing. */
  width(text: string, size: number, bold?: boolean): number;
}

/** Characters that join or modify others (joiners, variation selectors, skin tones, emoji tags). */
function isJoiner(cp: number): boolean {
  return (
    cp === 0x200c ||
    cp === 0x200d ||
    cp === 0xfe0e ||
    cp === 0xfe0f ||
    (cp >= 0x1f3fb && cp <= 0x1f3ff) ||
    (cp >= 0xe0020 && cp <= 0xe007f)
  );
}
/** Controls and bidi overrides a hostile name could use to scramble the layout. */
const CONTROLS = /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

class FontGlyphs implements Glyphs {
  constructor(
    private readonly regular: Map<number, number>,
    private readonly bold: Map<number, number>,
  ) {}

  covers(codePoint: number): boolean {
    return this.regular.has(codePoint);
  }

  width(text: string, size: number, bold = false): number {
    const widths = bold ? this.bold : this.regular;
    let ems = 0;
    for (const ch of text) {
      const cp = ch.codePointAt(0) ?? 0;
      ems += widths.get(cp) ?? this.regular.get(cp) ?? 0;
    }
    return ems * size;
  }
}

let loading: Promise<Glyphs> | undefined;

/** Adds the font's advances for code points no earlier font has. */
function advances(file: string, into: Map<number, number>): void {
  for (const [cp, em] of readFontMetrics(readFileSync(join(fontDir(), file))).advances)
    if (!into.has(cp)) into.set(cp, em);
}

/** The shipped fonts' coverage and widths, read on first use. */
export function loadGlyphs(): Promise<Glyphs> {
  loading ??= Promise.resolve()
    .then(readGlyphs)
    .catch((err: unknown) => {
      loading = undefined;
      throw err;
    });
  return loading;
}

function readGlyphs(): Glyphs {
  const regular = new Map<number, number>();
  const bold = new Map<number, number>();
  // The order is the fallback order: the first font with a glyph draws it.
  for (const file of FONT_FILES) if (file !== "Inter-Bold.ttf") advances(file, regular);
  advances("Inter-Bold.ttf", bold);
  return new FontGlyphs(regular, bold);
}

/**
 * The text as the fonts can draw it: controls and bidi overrides removed, and every grapheme (a
 * letter with its accents, an emoji with its modifiers) that the fonts cannot draw dropped whole.
 * Empty when nothing drawable is left, so the caller can put a label of its own there.
 */
export function drawable(text: string, glyphs: Glyphs): string {
  const clean = text.replace(CONTROLS, "");
  let out = "";
  let dropped = false;
  for (const { segment } of new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(clean)) {
    const ok = [...segment].every((ch) => {
      const cp = ch.codePointAt(0) ?? 0;
      return isJoiner(cp) || glyphs.covers(cp);
    });
    if (ok) {
      if (dropped && out !== "" && !out.endsWith(" ") && !/^\s/.test(segment)) out += " ";
      out += segment;
      dropped = false;
    } else dropped = true;
  }
  return out.replace(/\s+/g, " ").trim();
}

/** The text cut with an ellipsis to fit `maxWidth` px, by grapheme so no emoji is split. */
export function fitted(text: string, maxWidth: number, size: number, glyphs: Glyphs, bold = false): string {
  if (glyphs.width(text, size, bold) <= maxWidth) return text;
  const graphemes = [...new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(text)].map(
    (s) => s.segment,
  );
  const ellipsis = "…";
  let room = maxWidth - glyphs.width(ellipsis, size, bold);
  let out = "";
  for (const g of graphemes) {
    const w = glyphs.width(g, size, bold);
    if (w > room) break;
    out += g;
    room -= w;
  }
  return out.trimEnd() + ellipsis;
}

/** A name ready to draw: drawable, else the placeholder; then fitted. */
export function drawName(
  name: string,
  placeholder: string,
  maxWidth: number,
  size: number,
  glyphs: Glyphs,
  bold = false,
): string {
  return fitted(drawable(name, glyphs) || placeholder, maxWidth, size, glyphs, bold);
}
