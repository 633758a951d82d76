/** Messages between the runner and its child processes (load generator, memory bot). */

export interface BenchRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface RunSpec {
  /** http://127.0.0.1:PORT */
  target: string;
  requests: BenchRequest[];
  concurrency: number;
  /** Counts responses whose body contains this text (a cheap check that the answers were accepted). */
  expect?: string;
}

export interface RunResult {
  /** Per request, from writing it to the end of its response, in ms. */
  latenciesMs: number[];
  wallMs: number;
  /** Epoch ms when the first request was sent. */
  startedAt: number;
  statuses: Record<string, number>;
  errors: number;
  firstError?: string;
  matched: number;
  sampleBody?: string;
}

export interface ArrivalResult {
  arrived: number;
  matched: number;
  /** Epoch ms of the last matching arrival, if any. */
  lastAt?: number;
  timedOut: boolean;
}

export type LoadgenRequest =
  | { id: number; op: "run"; spec: RunSpec }
  | { id: number; op: "slackStandIn" }
  /** Waits until `count` POSTs under `prefix` reached the Slack stand-in. */
  | { id: number; op: "waitArrivals"; prefix: string; count: number; timeoutMs: number; expect?: string }
  | { id: number; op: "clearStandIn" }
  | { id: number; op: "exit" };

export type LoadgenReply =
  { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

export interface MemorySample {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
}

export type MemoryBotRequest =
  { op: "start"; env: Record<string, string> } | { op: "memory"; gc: boolean } | { op: "stop" };

export type MemoryBotReply =
  | { op: "started"; port: number; baseline: MemorySample; memory: MemorySample }
  | { op: "memory"; memory: MemorySample }
  | { op: "stopped" }
  | { op: "error"; error: string };
