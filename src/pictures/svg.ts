import { FONT_FAMILY } from "./fonts.ts";

/** Text and attribute values made safe to put in SVG markup. */
export function xml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

type Attrs = Record<string, string | number | undefined>;

function attrs(a: Attrs): string {
  return Object.entries(a)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${typeof v === "number" ? round(v) : xml(v as string)}"`)
    .join("");
}

function round(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/** One SVG element; `children` is markup already built by these helpers. */
export function el(name: string, a: Attrs, children?: string): string {
  return children === undefined ? `<${name}${attrs(a)}/>` : `<${name}${attrs(a)}>${children}</${name}>`;
}

export function rect(a: Attrs): string {
  return el("rect", a);
}

/** A line of text; `text` is plain text (escaped here). */
export function text(x: number, y: number, content: string, a: Attrs = {}): string {
  return el("text", { x, y, ...a }, xml(content));
}

/** The whole picture: its size, an opaque rounded card (so it reads on light and dark chat themes). */
export function svgDocument(width: number, height: number, background: string, body: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" ` +
    `viewBox="0 0 ${width} ${height}" font-family="${FONT_FAMILY}">` +
    rect({ width, height, rx: 16, fill: background }) +
    body +
    "</svg>"
  );
}
