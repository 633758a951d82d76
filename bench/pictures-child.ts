/**
 * The pictures measured in a process of their own (forked by bench/pictures.ts), so that the RSS it
 * reports is the renderer's alone: after importing every feature (as the bot does at start),
 * after the first picture (fonts' widths read, resvg loaded), and after every render. Sends one
 * PicturesResult over IPC and exits.
 */
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { boardPicture } from "../commands/leaderboard/picture.ts";
import { progressCard, type ProgressCardData } from "../commands/progress/card.ts";
import { loadGlyphs } from "../src/pictures/glyphs.ts";
import { renderPng } from "../src/pictures/render.ts";
import type { Leaderboard } from "../src/store/store.ts";
import type { PictureTiming, PicturesResult } from "./pictures.ts";

const RENDERS = Number(process.env.BENCH_PICTURES) > 0 ? Number(process.env.BENCH_PICTURES) : 200;

function rss(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return rssNoGc();
}

function rssNoGc(): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
  return match ? Number(match[1]) * 1024 : process.memoryUsage().rss;
}

/** Whether the renderer's native library is mapped into this process. */
function resvgMapped(): boolean {
  try {
    return readFileSync("/proc/self/maps", "utf8").includes("resvg");
  } catch {
    return false;
  }
}

const NAMES = [
  "Ana Souza",
  "Zoë 🎉 Müller",
  "محمد علي",
  "山田太郎",
  "Пётр Иванов",
  "Kim 김민준",
  "O'Brien",
  "Lee",
  "Sam",
  "Dana 🚀",
];

function board(i: number): Leaderboard {
  const top = NAMES.map((name, r) => ({
    memberId: `m${r}`,
    name: `${name} ${i % 7}`,
    score: 400 - 30 * r,
    rank: r + 1,
  }));
  return { top, me: { memberId: "me", name: "Caller", score: 12 + (i % 5), rank: 17 }, members: 40 };
}

function card(i: number): ProgressCardData {
  const days: Record<string, number> = {};
  const weekPoints: Record<string, number> = {};
  const end = Date.parse("2026-12-06T12:00:00Z");
  for (let d = 0; d < 112; d++)
    if ((d * 7 + i) % 5 < 3)
      days[new Date(end - d * 86_400_000).toISOString().slice(0, 10)] = ((d + i) * 13) % 9;
  for (let w = 34; w <= 49; w++) weekPoints[`2026-W${w}`] = ((w + i) * 37) % 150;
  return {
    name: "Zoë 🎉 Müller",
    today: "2026-12-06",
    days,
    freezes: ["2026-11-20"],
    weekPoints,
    streak: { current: 5, best: 12 },
    points: 1340,
    answers: 120,
    correct: 97,
    topics: ["Node.js internals", "Databases", "System design", "Caching", "Networking", "Security"].map(
      (topic, t) => ({
        topic,
        share: ((t + i) % 10) / 10,
        label: `${((t + i) % 10) * 10}% · ${10 + t} answers`,
      }),
    ),
    topicsAre: "accuracy",
  };
}

let peakRss = 0;

/** Each render timed from the SVG's building to the PNG; CPU time is the whole process's (resvg's thread included). */
async function timeRenders(build: (i: number) => string): Promise<Omit<PictureTiming, "picture">> {
  const times: number[] = [];
  const cpu: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RENDERS; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const png = await renderPng(build(i));
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    bytes = Math.max(bytes, png.bytes.length);
    if (i % 20 === 0) peakRss = Math.max(peakRss, rssNoGc());
  }
  const at = (list: number[], p: number) => {
    const sorted = [...list].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
  };
  return {
    renders: RENDERS,
    p50Ms: at(times, 50),
    p95Ms: at(times, 95),
    cpuP50Ms: at(cpu, 50),
    cpuP95Ms: at(cpu, 95),
    maxPngBytes: bytes,
  };
}

async function main(): Promise<void> {
  // Every feature, as the bot loads them at start: drawing features must not load the renderer then.
  await import("../commands/index.ts");
  const beforeRss = rss();
  const mappedAtStart = resvgMapped();
  const t0 = performance.now();
  const glyphs = await loadGlyphs();
  await renderPng(boardPicture(board(0), "this week", "me", glyphs).svg);
  const firstMs = performance.now() - t0;
  const loadedRss = rss();
  const timings: PictureTiming[] = [
    {
      picture: "leaderboard (800 × 638)",
      ...(await timeRenders((i) => boardPicture(board(i), "this week", "me", glyphs).svg)),
    },
    {
      picture: "progress card (800 × 440)",
      ...(await timeRenders((i) => progressCard(card(i), glyphs).svg)),
    },
  ];
  // resvg frees a picture's pixels when its JS wrapper is collected: let a collection and its finalizers run.
  rss();
  await new Promise((resolve) => setTimeout(resolve, 50));
  const result: PicturesResult = {
    beforeRss,
    loadedRss,
    peakRss,
    afterRss: rss(),
    mappedAtStart,
    firstMs,
    timings,
    loadAverage: loadavg()[0] ?? NaN,
  };
  process.send?.(result);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
