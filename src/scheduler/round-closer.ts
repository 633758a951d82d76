import type { Logger } from "pino";
import type { Clock } from "../core/clock.ts";
import { PlatformRefusal } from "../core/errors.ts";
import type { Store } from "../store/store.ts";

export type CloseRound = (group: string, roundId: string) => Promise<unknown>;

/**
 * Closes quiz rounds on time. Each process sets a timer for the rounds it starts; a periodic sweep of
 * the store's due list closes rounds whose process went away. Closing is idempotent in the store, so
 * timers and sweeps in several processes never publish a result twice.
 */
export class RoundCloser {
  private readonly timers = new Set<NodeJS.Timeout>();
  private sweeper?: NodeJS.Timeout;
  private sweeping?: Promise<number>;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly close: CloseRound,
    private readonly log: Logger,
  ) {}

  schedule(group: string, roundId: string, closesAt: number): void {
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        this.closeQuietly(group, roundId);
      },
      Math.max(0, closesAt - this.clock.now()),
    );
    timer.unref();
    this.timers.add(timer);
  }

  start(sweepEveryMs = 5000): void {
    this.sweeper = setInterval(() => void this.sweep(), sweepEveryMs);
    this.sweeper.unref();
  }

  /** Closes every round that is past its time; concurrent calls share the running sweep. Returns how many it looked at. */
  sweep(): Promise<number> {
    this.sweeping ??= this.sweepOnce().finally(() => {
      this.sweeping = undefined;
    });
    return this.sweeping;
  }

  private async sweepOnce(): Promise<number> {
    try {
      const due = await this.store.dueRounds(this.clock.now(), 100);
      await Promise.all(due.map(({ group, roundId }) => this.closeQuietly(group, roundId)));
      return due.length;
    } catch (err) {
      this.log.warn({ err }, "round sweep failed; will retry");
      return 0;
    }
  }

  stop(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    if (this.sweeper) clearInterval(this.sweeper);
  }

  private async closeQuietly(group: string, roundId: string): Promise<void> {
    try {
      await this.close(group, roundId);
    } catch (err) {
      if (err instanceof PlatformRefusal) {
        this.log.warn({ err, group, roundId }, "the platform refused the quiz result; not retried");
        return;
      }
      this.log.warn({ err, group, roundId }, "could not close quiz round; the sweep will retry");
    }
  }
}
