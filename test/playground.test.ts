import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { PassThrough } from "node:stream";
import pino from "pino";
import { afterAll, describe, expect, inject, it } from "vitest";
import { runPlayground } from "../src/adapters/playground/terminal.ts";
import { createApp } from "../src/app.ts";
import { shortId } from "../src/core/ids.ts";
import { connectRedis } from "../src/store/redis-store.ts";
import { freePort } from "../testkit/redis-server.ts";
import { makeStore, ManualClock, realContent } from "./support/harness.ts";

/** A playground on in-memory streams over the test Redis; `type` sends a line and waits for the next prompt. */
async function open(
  clock = new ManualClock(Date.parse("2026-03-02T12:00:00Z")),
  filesDir = mkdtempSync(join(tmpdir(), "playground-files-")),
) {
  const app = createApp({
    store: await makeStore(),
    content: realContent(),
    log: pino({ level: "silent" }),
    clock,
  });
  const input = new PassThrough();
  const output = new PassThrough();
  let text = "";
  let waiting: (() => void) | undefined;
  output.on("data", (chunk: Buffer) => {
    text += chunk.toString();
    if (waiting && /> $/.test(text)) waiting();
  });
  const done = runPlayground(app, input, output, "banner", filesDir);
  return {
    app,
    get text() {
      return text;
    },
    type(line: string): Promise<string> {
      const before = text.length;
      return new Promise((resolve) => {
        waiting = () => {
          waiting = undefined;
          resolve(text.slice(before));
        };
        input.write(`${line}\n`);
      });
    },
    async end() {
      input.end();
      await done;
      await app.stop();
      return text;
    },
  };
}

async function session(lines: string[]) {
  const p = await open();
  for (const line of lines) await p.type(line);
  return p.end();
}

describe("playground", () => {
  it("runs /daily, /quiz, clicks by number and /as, rendering every reply as text", async () => {
    const p = await open();
    await p.type("/daily");
    await p.type("1");
    const quiz = await p.type("/quiz nodejs");
    const close = /\[(\d)\] Close round/.exec(quiz)?.[1];
    await p.type("1");
    await p.type("/as alice");
    await p.type("2");
    await p.type("2");
    await p.type("/streak");
    await p.type("/as you");
    await p.type(close ?? "");
    await p.type("/leaderboard all");
    const out = await p.end();
    expect(out).toContain("Day 1 of 30 · Event loop deep dive");
    expect(out).toContain("[1] Done with day 1");
    expect(out).toContain("Checked in for day 1: +5 points");
    expect(quiz).toMatch(/Quiz · Node\.js · (easy|medium|hard)/);
    expect(out).toContain("[private to you]\nYour answer A is locked in");
    expect(out).toContain("You are alice.");
    expect(out).toContain("[private to alice]\nYour answer B is locked in");
    expect(out).toContain("You already answered this one (B)");
    expect(out).toContain("Streak: 1 day");
    expect(out).toMatch(/alice@#study> /);
    expect(out).toMatch(/\[#2 updated\]\n== Quiz closed · Node\.js ==/);
    expect(out).toContain("Got it right:");
    expect(out).toContain("Leaderboard · all time");
  });

  it("prints a reminder as a direct message whose Stop button works by number", async () => {
    const clock = new ManualClock(Date.parse("2026-03-02T12:00:00Z"));
    const p = await open(clock);
    expect(await p.type("/remind at 12:30")).toContain("Reminder set: at 12:30 (UTC)");
    clock.set("2026-03-02T12:30:00Z");
    await p.app.poster.tick();
    const button = /\[(\d)\] Stop reminders/.exec(p.text)?.[1];
    expect(p.text).toMatch(/\[#\d+ direct message to you\]\n== ⏰ Time to study ==/);
    expect(await p.type(button ?? "")).toContain("Reminders stopped for #study");
    await p.end();
  });

  it("runs a private practice session: a question, the answer judged at once, Next and Stop", async () => {
    const p = await open();
    const first = await p.type("/practice caching");
    expect(first).toContain("[private to you]");
    expect(first).toContain("Practice 1 of 10 · Caching and Redis");
    const judged = await p.type("1");
    expect(judged).toContain("[private to you]");
    expect(judged).toMatch(/Right|Not quite/);
    const next = /\[(\d+)\] Next/.exec(judged)?.[1] ?? "";
    expect(await p.type(next)).toContain("Practice 2 of 10");
    const stop = /\[(\d+)\] Stop/.exec(p.text.slice(p.text.lastIndexOf("Practice 2 of 10")))?.[1] ?? "";
    const done = await p.type(stop);
    expect(done).toContain("Practice done");
    expect(done).toMatch(/[01] of 1 right/);
    const progress = await p.type("/progress");
    expect(progress).toContain("[private to you]");
    expect(progress).toContain("**Caching and Redis**".replace(/\*/g, ""));
    await p.end();
  });

  it("explains what it does not understand", async () => {
    const out = await session(["hello", "3", "/quiz cobol", "/daily x", "/channel other", "/daily"]);
    expect(out).toContain("Type a command such as /daily");
    expect(out).toContain("There is no button to click yet");
    expect(out).toContain('There is no quiz topic "cobol"');
    expect(out).toContain('day must be a whole number (you gave "x")');
    expect(out).toContain("You are in #other");
  });

  it("keeps each channel its own group", async () => {
    const out = await session(["/daily", "1", "/channel two", "/leaderboard all"]);
    expect(out).toContain("Nobody has scored yet");
  });

  it("finds Redis when it answers and falls back when it does not", async () => {
    const redis = await connectRedis(inject("redisUrl"));
    expect(redis).toBeDefined();
    redis?.disconnect();
    expect(await connectRedis("redis://127.0.0.1:1", 500)).toBeUndefined();
  });

  it("stops with one clear line on a malformed variable", async () => {
    const child = spawn("npx", ["tsx", "src/main.ts"], {
      env: { ...process.env, QUIZ_SECONDS: "soon" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let err = "";
    child.stderr.on("data", (c: Buffer) => {
      err += c.toString();
    });
    const code = await new Promise((r) => child.on("exit", r));
    expect(code).toBe(1);
    expect(err).toContain("Invalid configuration: QUIZ_SECONDS");
    expect(err).toContain('(got "soon")');
  });
});

describe("npm start picks its store and says which", () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  const tempDir = (name: string) => {
    const dir = mkdtempSync(join(tmpdir(), `sg-${name}-`));
    dirs.push(dir);
    return dir;
  };
  const unusedRedisUrl = async () => `redis://127.0.0.1:${await freePort()}`;

  /** Runs `npx tsx src/main.ts` with no platform tokens, types the lines, then ends its input. */
  async function playground(env: Record<string, string>, lines: string[]) {
    const child = spawn("npx", ["tsx", "src/main.ts"], {
      env: { ...process.env, REDIS_PREFIX: `p${shortId(8)}`, ...env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (c: Buffer) => {
      out += c.toString();
    });
    child.stderr.on("data", (c: Buffer) => {
      err += c.toString();
    });
    child.stdin.end(lines.map((line) => `${line}\n`).join(""));
    const code = await new Promise((r) => child.on("exit", r));
    return { code, out, err };
  }

  it("(a) uses the Redis at REDIS_URL when it answers", async () => {
    const url = inject("redisUrl");
    const run = await playground({ REDIS_URL: url, PLAYGROUND_DATA_DIR: tempDir("a") }, ["/daily"]);
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
    expect(run.out).toContain(`Using Redis at ${url}.`);
    expect(run.out).toContain("Day 1 of 30");
  }, 60_000);

  it("(b) starts a private redis-server that keeps its data between runs and stops when it quits", async () => {
    const data = tempDir("b");
    const env = { REDIS_URL: await unusedRedisUrl(), PLAYGROUND_DATA_DIR: data, REDIS_PREFIX: "sg" };
    const first = await playground(env, ["/daily", "1"]);
    expect(first.err).toBe("");
    expect(first.code).toBe(0);
    expect(first.out).toMatch(
      new RegExp(`Using a private redis-server on port \\d+ \\(no Redis answered at ${env.REDIS_URL}\\)`),
    );
    expect(first.out).toContain("Day 1 of 30");
    expect(first.out).toContain("Checked in for day 1: +5 points");
    expect(existsSync(join(data, "redis", "appendonlydir"))).toBe(true);
    const port = /private redis-server on port (\d+)/.exec(first.out)?.[1];
    expect(await connectRedis(`redis://127.0.0.1:${port}`, 500)).toBeUndefined();

    const second = await playground(env, ["/leaderboard all"]);
    expect(second.code).toBe(0);
    expect(second.out).toContain("Using a private redis-server");
    expect(second.out).toMatch(/you\W+5 points/);
  }, 60_000);

  it("(c) runs the embedded engine when no Redis answers and no redis-server is installed", async () => {
    // A PATH with node, npx and the shell npx runs tsx with, so redis-server is nowhere to be found.
    const bin = tempDir("bin");
    symlinkSync(process.execPath, join(bin, "node"));
    symlinkSync(join(dirname(process.execPath), "npx"), join(bin, "npx"));
    symlinkSync("/bin/sh", join(bin, "sh"));
    const url = await unusedRedisUrl();
    const run = await playground({ PATH: bin, REDIS_URL: url, PLAYGROUND_DATA_DIR: tempDir("c") }, [
      "/daily",
    ]);
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
    expect(run.out).toContain(
      `Using the embedded Redis engine (no Redis answered at ${url}, and no redis-server is installed; nothing is kept after you quit).`,
    );
    expect(run.out).toContain("Day 1 of 30");
  }, 60_000);
});

it("refuses to start with a default plan that is not in the content", async () => {
  const child = spawn("npx", ["tsx", "src/main.ts"], {
    env: { ...process.env, DEFAULT_PLAN: "cobol-101", REDIS_URL: inject("redisUrl") },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let err = "";
  child.stderr.on("data", (c: Buffer) => {
    err += c.toString();
  });
  expect(await new Promise((r) => child.on("exit", r))).toBe(1);
  expect(err).toContain('The default plan "cobol-101" is not in the content (plans: ');
  expect(err).toContain("node-30-day");
});

it("runs the whole mock answer and review flow with forms and a thread", async () => {
  const p = await open();
  const form = await p.type("/mock star");
  expect(form).toContain("[form for you] STAR answer");
  await p.type("We missed an SLA.");
  await p.type("I owned the fix.");
  await p.type("I added a queue.");
  const posted = await p.type("Errors fell 90%.");
  expect(posted).toMatch(/\[#1 in #study\]\n== Mock answer by you ==/);
  expect(posted).toMatch(/\[#2 in the thread of #1\]\n== Reviews of you's answer ==/);
  expect(posted).toContain("[1] Review");
  await p.type("/as bob");
  expect(await p.type("1")).toContain("[form for bob] Review you's answer");
  await p.type("4");
  await p.type("9");
  const bad = await p.type("3");
  expect(bad).toBeDefined();
  await p.type("5");
  const rejected = await p.type("Good.");
  expect(rejected).toContain('please fix task "9"');
  await p.type("1");
  for (const line of ["4", "3", "3", "5", "Solid."]) await p.type(line);
  await p.type("/as carol");
  await p.type("1");
  let last = "";
  for (const line of ["2", "5", "4", "4", ""]) last = await p.type(line);
  expect(last).toContain(
    "[#4 in the thread of #1]\nReview by carol: Situation 2 · Task 5 · Action 4 · Result 4",
  );
  expect(last).toContain(
    "you, your averages after 2 reviews: Situation 3 · Task 4 · Action 3.5 · Result 4.5",
  );
  expect(last).toContain("[#1 updated]");
  const out = await p.end();
  expect(out).toContain("Review by bob: Situation 4 · Task 3 · Action 3 · Result 5");
});

describe("files in the playground", () => {
  it("writes the CSV export under the files folder and prints its path beside the text", async () => {
    const dir = mkdtempSync(join(tmpdir(), "playground-files-"));
    try {
      const p = await open(undefined, dir);
      await p.type("/studygroup setup time:08:30");
      const out = await p.type("/studygroup export");
      await p.end();
      expect(out).toContain("[private to you]");
      expect(out).toContain("as CSV");
      const path = /saved to (\S+\.csv)/.exec(out)?.[1] ?? "";
      expect(path.startsWith(dir)).toBe(true);
      const csv = readFileSync(path);
      expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      expect(csv.toString("utf8")).toContain("name,points_all_time");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
