/**
 * The pictures (`/leaderboard`'s image, `/progress`'s card): render time p50/p95 per picture from
 * SVG to PNG, the PNG's size, and the RSS the renderer adds once loaded, measured in a forked
 * process (bench/pictures-child.ts). BENCH_PICTURES sets the renders per picture (default 200).
 * Runs alone with `npx tsx bench/pictures.ts`.
 */
import { fileURLToPath } from "node:url";
import { forkTs } from "./lib/children.ts";
import { fmt, mb, ms, table } from "./lib/stats.ts";

export interface PictureTiming {
  picture: string;
  renders: number;
  p50Ms: number;
  p95Ms: number;
  cpuP50Ms: number;
  cpuP95Ms: number;
  maxPngBytes: number;
}

export interface PicturesResult {
  /** RSS after importing the features that draw, before any picture. */
  beforeRss: number;
  /** RSS after the first picture: fonts' widths read, resvg loaded. */
  loadedRss: number;
  /** The highest RSS seen while rendering, before any forced collection. */
  peakRss: number;
  /** After the renders and a collection. */
  afterRss: number;
  /** The machine's 1-minute load average at the end: wall times stretch with it, CPU times less. */
  loadAverage: number;
  /** Whether resvg's native library was mapped before the first picture (it should not be). */
  mappedAtStart: boolean;
  /** The first picture, loading included. */
  firstMs: number;
  timings: PictureTiming[];
}

export function measurePictures(): Promise<PicturesResult> {
  const child = forkTs("pictures-child.ts", ["--expose-gc"]);
  return new Promise((resolve, reject) => {
    let result: PicturesResult | undefined;
    child.on("message", (msg: PicturesResult) => (result = msg));
    child.on("exit", (code) =>
      result ? resolve(result) : reject(new Error(`pictures bench exited (${code}) without a result`)),
    );
  });
}

const kb = (bytes: number) => `${fmt(bytes / 1024, 1)} KB`;

export function picturesReport(r: PicturesResult): { stdout: string; markdown: string } {
  const rows = r.timings.map((t) => [
    t.picture,
    String(t.renders),
    ms(t.p50Ms),
    ms(t.p95Ms),
    ms(t.cpuP50Ms),
    ms(t.cpuP95Ms),
    kb(t.maxPngBytes),
  ]);
  const header = ["picture", "renders", "p50", "p95", "CPU p50", "CPU p95", "largest PNG"];
  const memory = table(
    ["measure", "value"],
    [
      ["RSS before the first picture", mb(r.beforeRss)],
      ["resvg mapped before the first picture", r.mappedAtStart ? "yes" : "no"],
      ["first picture (loading fonts' widths and resvg)", ms(r.firstMs)],
      ["RSS added by the first picture (fonts' widths, resvg, its fonts)", mb(r.loadedRss - r.beforeRss)],
      ["highest RSS while rendering, over the start", mb(r.peakRss - r.beforeRss)],
      ["RSS after every render and a collection, over the start", mb(r.afterRss - r.beforeRss)],
      ["load average (1 min) of the machine", fmt(r.loadAverage, 2)],
    ],
  );
  const stdout = `Pictures (targets: p95 <= 50 ms, PNG <= 150 KB)\n${table(header, rows)}\n${memory}`;
  const markdown = `## Pictures

The leaderboard image and the progress card, SVG built and rendered to PNG by resvg with the shipped
fonts, in a forked process (\`bench/pictures-child.ts\`); names in Latin, Greek, Cyrillic, Arabic, CJK
and emoji. Targets: p95 at most 50 ms, PNG at most 150 KB. CPU time is the process's (resvg renders on
libuv's thread pool) per render; wall time grows with the machine's load. resvg frees a picture's pixels
when V8 collects its wrapper, which V8 does not know is large: the highest RSS is what renders back to
back reach before a collection.

${table(header, rows)}

${memory}
`;
  return { stdout, markdown };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  measurePictures().then(
    (r) => console.log(picturesReport(r).stdout),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
