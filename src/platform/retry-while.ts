import { setTimeout as sleep } from "node:timers/promises";

/**
 * Runs a platform call, and again after each of `waits` while it fails in a way `retryable` says
 * will pass (the platform has not caught up with what it was just sent). Any other failure, or one
 * after the last wait, is thrown.
 */
export async function retryWhile<T>(
  call: () => Promise<T>,
  waits: readonly number[],
  retryable: (err: unknown) => boolean,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      const wait = waits[attempt];
      if (wait === undefined || !retryable(err)) throw err;
      await sleep(wait);
    }
  }
}
