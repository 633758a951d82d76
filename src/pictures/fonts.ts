import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The fonts every picture is drawn with, shipped in assets/fonts/ (SIL OFL, licences beside them) so
 * a picture looks the same on a laptop and in the Docker image: no system font is ever read. Inter
 * covers Latin, Greek and Cyrillic; the others are fallbacks for Arabic script and emoji (one-colour
 * outlines). Other scripts degrade (see glyphs.ts) rather than draw empty boxes.
 */
export const FONT_FILES = [
  "Inter-Regular.ttf",
  "Inter-Bold.ttf",
  "NotoSansArabic-Regular.ttf",
  "NotoEmoji-Regular.ttf",
] as const;

/** The family names as the SVG asks for them, in fallback order. */
export const FONT_FAMILY = "Inter, 'Noto Sans Arabic', 'Noto Emoji'";

let found: string | undefined;

/**
 * assets/fonts/ of the project: found by walking up from this module, which sits at src/pictures/
 * when run from source and at dist/src/pictures/ in the build.
 */
export function fontDir(): string {
  if (found) return found;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, "assets", "fonts");
    if (existsSync(join(candidate, FONT_FILES[0]))) return (found = candidate);
    dir = dirname(dir);
  }
  throw new Error("assets/fonts/ not found: the pictures' fonts ship with the project");
}

export function fontPaths(): string[] {
  const dir = fontDir();
  return FONT_FILES.map((file) => join(dir, file));
}
