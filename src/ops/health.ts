import type { IncomingMessage, ServerResponse } from "node:http";
import type { Store } from "../store/store.ts";
import { sendJson } from "../platform/http-server.ts";
import type { Metrics } from "./metrics.ts";

const PING_TIMEOUT_MS = 1000;

/** GET /healthz: ready only when the store answers a ping in time. */
export function healthEndpoint(store: Store) {
  return async (_req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      await Promise.race([
        store.ping(),
        new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), PING_TIMEOUT_MS).unref()),
      ]);
      sendJson(res, 200, { status: "ok", store: store.kind });
    } catch {
      sendJson(res, 503, { status: "unavailable", store: store.kind });
    }
  };
}

/** GET /metrics in the Prometheus text format. */
export function metricsEndpoint(metrics: Metrics) {
  return async (_req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await metrics.registry.metrics();
    res.writeHead(200, { "content-type": metrics.registry.contentType });
    res.end(body);
  };
}
