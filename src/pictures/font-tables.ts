/**
 * Reads the two things the pictures need from a TrueType/OpenType font file: which code points it
 * maps to a glyph (the `cmap` table, formats 4 and 12) and each glyph's advance width (`hmtx`, in
 * units of `head.unitsPerEm`). A full font parser (opentype.js) took seconds and some 50 MB of heap
 * for these fonts; this reads the tables it needs and nothing else.
 */
export interface FontMetrics {
  /** Advance width in ems per code point, for every code point the font has a glyph for. */
  advances: Map<number, number>;
}

function tables(view: DataView): Map<string, number> {
  if (view.byteLength < 12) throw new Error("not a font file: too short");
  const count = view.getUint16(4);
  if (view.byteLength < 12 + 16 * count) throw new Error("not a font file: its table directory is cut off");
  const found = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const at = 12 + 16 * i;
    const tag = String.fromCharCode(
      view.getUint8(at),
      view.getUint8(at + 1),
      view.getUint8(at + 2),
      view.getUint8(at + 3),
    );
    const offset = view.getUint32(at + 8);
    if (offset + view.getUint32(at + 12) > view.byteLength)
      throw new Error(`font's ${tag} table lies outside the file`);
    found.set(tag, offset);
  }
  return found;
}

function need(found: Map<string, number>, tag: string): number {
  const offset = found.get(tag);
  if (offset === undefined) throw new Error(`font has no ${tag} table`);
  return offset;
}

/** Code point → glyph index from the best Unicode subtable: format 12 (full range) or 4 (BMP). */
function characterMap(view: DataView, cmap: number): Map<number, number> {
  const subtables = view.getUint16(cmap + 2);
  let best: { offset: number; format: number } | undefined;
  for (let i = 0; i < subtables; i++) {
    const platform = view.getUint16(cmap + 4 + 8 * i);
    const encoding = view.getUint16(cmap + 6 + 8 * i);
    const offset = cmap + view.getUint32(cmap + 8 + 8 * i);
    const format = view.getUint16(offset);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!unicode || (format !== 4 && format !== 12)) continue;
    if (!best || (format === 12 && best.format !== 12)) best = { offset, format };
  }
  if (!best) throw new Error("font has no Unicode character map of format 4 or 12");
  const map = new Map<number, number>();
  const at = best.offset;
  if (best.format === 12) {
    const groups = view.getUint32(at + 12);
    for (let i = 0; i < groups; i++) {
      const g = at + 16 + 12 * i;
      const start = view.getUint32(g);
      const end = view.getUint32(g + 4);
      const glyph = view.getUint32(g + 8);
      for (let cp = start; cp <= end; cp++) map.set(cp, glyph + cp - start);
    }
    return map;
  }
  const segments = view.getUint16(at + 6) / 2;
  const ends = at + 14;
  const starts = ends + 2 * segments + 2;
  const deltas = starts + 2 * segments;
  const ranges = deltas + 2 * segments;
  for (let s = 0; s < segments; s++) {
    const end = view.getUint16(ends + 2 * s);
    const start = view.getUint16(starts + 2 * s);
    const delta = view.getInt16(deltas + 2 * s);
    const rangeAt = ranges + 2 * s;
    const range = view.getUint16(rangeAt);
    for (let cp = start; cp <= end && cp !== 0xffff; cp++) {
      let glyph: number;
      if (range === 0) glyph = (cp + delta) & 0xffff;
      else {
        glyph = view.getUint16(rangeAt + range + 2 * (cp - start));
        if (glyph !== 0) glyph = (glyph + delta) & 0xffff;
      }
      if (glyph !== 0) map.set(cp, glyph);
    }
  }
  return map;
}

export function readFontMetrics(bytes: Uint8Array): FontMetrics {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const found = tables(view);
  const unitsPerEm = view.getUint16(need(found, "head") + 18);
  const metrics = view.getUint16(need(found, "hhea") + 34);
  const hmtx = need(found, "hmtx");
  const advanceOf = (glyph: number) => view.getUint16(hmtx + 4 * Math.min(glyph, metrics - 1));
  const advances = new Map<number, number>();
  for (const [cp, glyph] of characterMap(view, need(found, "cmap")))
    if (glyph !== 0) advances.set(cp, advanceOf(glyph) / unitsPerEm);
  return { advances };
}
