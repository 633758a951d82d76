import pino, { type Logger } from "pino";

/** Lines wait until this many bytes have gathered, or FLUSH_MS has passed. */
const BATCH_BYTES = 4096;
const FLUSH_MS = 1000;

/**
 * The bot's log: JSON lines to stdout (or `dest`), written in batches rather than one write per
 * line. A busy bot logs a line per event and each write is a system call, which under load cost
 * more than the rest of the logging. A quiet bot's lines still go out within a second, and what is
 * left goes out when the process exits (pino flushes its destination then).
 */
export function botLog(level: string, dest: string | number = 1): Logger {
  const stream = pino.destination({ dest, sync: false, minLength: BATCH_BYTES });
  setInterval(() => {
    try {
      stream.flush();
    } catch {
      // Ended (the process is stopping): nothing left to write.
    }
  }, FLUSH_MS).unref();
  return pino({ level }, stream);
}
