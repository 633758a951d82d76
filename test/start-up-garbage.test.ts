import { constants, type NodeGCPerformanceDetail, PerformanceObserver } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import { releaseStartUpGarbage } from "../src/ops/start-up-garbage.ts";

describe("releaseStartUpGarbage", () => {
  it("runs a forced collection and leaves no gc global behind", async () => {
    const collections: NodeGCPerformanceDetail[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        collections.push((entry as unknown as { detail: NodeGCPerformanceDetail }).detail);
    });
    observer.observe({ entryTypes: ["gc"] });
    releaseStartUpGarbage();
    await new Promise((resolve) => setTimeout(resolve, 100));
    observer.disconnect();
    // V8 collects on its own too, but never with the forced flag.
    const forced = collections.filter(
      (c) => ((c.flags ?? 0) & constants.NODE_PERFORMANCE_GC_FLAGS_FORCED) !== 0,
    );
    expect(forced.length).toBeGreaterThan(0);
    expect("gc" in globalThis).toBe(false);
  });
});
