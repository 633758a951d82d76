/** The time source; tests pass their own to move through days and time zones. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
