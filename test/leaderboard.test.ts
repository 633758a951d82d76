import { afterEach, expect, it } from "vitest";
import { buttonsOf, type Harness, harness } from "./support/harness.ts";

let h: Harness;
afterEach(async () => {
  await h.close();
});

async function checkInAt(iso: string, name: string, day?: number) {
  h.clock.set(iso);
  const daily = await h.command(h.member(name), "daily", day ? String(day) : "");
  const done = buttonsOf(daily.message).find((b) => b.action.startsWith("daily.done:"));
  if (!done) throw new Error(`no Done button: ${daily.text}`);
  return h.click(h.member(name), done.action);
}

it("splits ISO weeks and months at local midnight in the group's zone", async () => {
  // Los Angeles, UTC-8 in winter: Sun 31 Jan 2027 23:30 local is already Monday 1 Feb in UTC.
  h = await harness({ now: "2027-01-25T20:00:00Z", timezone: "America/Los_Angeles" });
  await checkInAt("2027-02-01T07:30:00Z", "ann"); // Sun 31 Jan 23:30 PST: week 2027-W04, January
  await checkInAt("2027-02-01T08:30:00Z", "ann"); // Mon 1 Feb 00:30 PST: week 2027-W05, February
  await checkInAt("2027-02-01T09:00:00Z", "ben");

  h.clock.set("2027-02-01T07:45:00Z"); // still Sunday in LA
  let week = await h.command(h.member("ann"), "leaderboard", "week");
  expect(week.text).toContain("this week (2027-W04)");
  expect(week.text).toContain("ann: 5 points");
  expect(week.text).not.toContain("ben");
  const jan = await h.command(h.member("ann"), "leaderboard", "month");
  expect(jan.text).toContain("this month (2027-01)");
  expect(jan.text).toContain("ann: 5 points");

  h.clock.set("2027-02-01T10:00:00Z");
  week = await h.command(h.member("ann"), "leaderboard", "week");
  expect(week.text).toContain("this week (2027-W05)");
  expect(week.text).toMatch(/ann: 5 points[\s\S]*ben: 5 points|ben: 5 points[\s\S]*ann: 5 points/);
  const all = await h.command(h.member("ann"), "leaderboard", "all");
  expect(all.text).toContain("ann: 10 points");
  expect(all.text).toContain("You are #1 of 2 with 10 points");
});

it("shows the top 10 and the caller's own rank below them", async () => {
  h = await harness({ now: "2026-06-01T12:00:00Z" });
  await h.command(h.member("p0"), "help"); // the group starts its plan today, 1 June
  // Member i checks in on i+1 plan days: scores 5, 10, ... 60.
  for (let i = 0; i < 12; i++) {
    for (let d = 1; d <= i + 1; d++) await checkInAt("2026-06-12T12:00:00Z", `p${i}`, d);
  }
  const board = await h.command(h.member("p0"), "leaderboard", "all");
  const lines = board.text.split("\n").filter((l) => / points$/.test(l));
  expect(lines).toHaveLength(10);
  expect(lines[0]).toContain("p11: 60 points");
  expect(board.text).toContain("You are #12 of 12 with 5 points");
  const none = await h.command(h.member("newcomer"), "leaderboard", "week");
  expect(none.text).toContain("You have no points this week");
});

it("rejects a malformed period with the allowed values", async () => {
  h = await harness();
  const reply = await h.command(h.member("ann"), "leaderboard", "year");
  expect(reply.kind).toBe("private");
  expect(reply.text).toContain("period must be one of week, month, all");
  expect(reply.text).toContain("Usage: /leaderboard [week|month|all]");
});
