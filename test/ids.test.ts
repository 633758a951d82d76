import { expect, it } from "vitest";
import { shortId } from "../src/core/ids.ts";

it("makes short ids of lowercase letters and digits, distinct across pool refills", () => {
  const ids = Array.from({ length: 5000 }, () => shortId(10));
  for (const id of ids) expect(id).toMatch(/^[a-z0-9]{10}$/);
  expect(new Set(ids).size).toBe(ids.length);
  expect(shortId()).toHaveLength(8);
});
