import type * as ResvgModule from "@resvg/resvg-js";
import { filePart } from "../core/files.ts";
import type { FilePart } from "../core/model.ts";
import { fontPaths } from "./fonts.ts";

/** A rendered picture: PNG bytes and the size they were drawn at. */
export interface Png {
  bytes: Uint8Array;
  width: number;
  height: number;
}

type Resvg = typeof ResvgModule;
let resvg: Promise<Resvg> | undefined;

/**
 * Draws an SVG to PNG with resvg (a native module from npm, prebuilt per platform) and the shipped
 * fonts only. The module is imported on the first picture, so a bot that draws none never loads it;
 * the drawing runs on libuv's thread pool, off the event loop.
 */
export async function renderPng(svg: string): Promise<Png> {
  resvg ??= import("@resvg/resvg-js").catch((err: unknown) => {
    resvg = undefined;
    throw err;
  });
  const { renderAsync } = await resvg;
  const image = await renderAsync(svg, {
    font: { loadSystemFonts: false, fontFiles: fontPaths(), defaultFontFamily: "Inter" },
    logLevel: "off",
  });
  return { bytes: image.asPng(), width: image.width, height: image.height };
}

/** A picture ready to send: its PNG, a file name, and alt text that says what it shows. */
export interface Picture extends Png {
  fileName: string;
  alt: string;
}

/** Renders an SVG built by a feature into a picture to send. */
export async function picture(svg: string, fileName: string, alt: string): Promise<Picture> {
  return { ...(await renderPng(svg)), fileName, alt };
}

/** A picture as a message's file part; `fallback` is shown where the platform cannot take it. */
export function pictureFile(picture: Picture, fallback: string): FilePart {
  return filePart({
    name: picture.fileName,
    contentType: "image/png",
    data: picture.bytes,
    alt: picture.alt,
    fallback,
  });
}
