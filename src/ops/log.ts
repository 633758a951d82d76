import pino, { type Logger } from "pino";

/** Lines wait until this many bytes have gathered, or FLUSH_MS has passed. */
const BATCH_BYTES = 4096;
const FLUSH_MS = 1000;

/**
 * The bot's log: JSON lines to stdout (or `dest`), written in batches of 4 KB rather than one write
 * per line: a busy bot logs a line per event, and a write per line cost about a third of its
 * logging. A quiet bot's lines still go out within a second, and what is left when the process
 * exits is written then.
 */
export function botLog(level: string, dest: string | number = 1): Logger {
  const stream = pino.destination({ dest, sync: true, minLength: BATCH_BYTES });
  const flush = (how: "write" | "write and sync") => {
    try {
      // flushSync also fsyncs a file, blocking the event loop for milliseconds: only at exit.
      if (how === "write") stream.flush();
      else stream.flushSync();
    } catch {
      // Ended, or the file is gone: nothing more can be written.
    }
  };
  setInterval(() => flush("write"), FLUSH_MS).unref();
  process.once("exit", () => flush("write and sync"));
  return pino({ level }, stream);
}
