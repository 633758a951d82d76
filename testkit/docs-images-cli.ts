/**
 * `npm run docs:images`: seeds the demo group (testkit/demo-group.ts) in an in-process engine and
 * writes the example pictures shown in the README: docs/images/leaderboard.png and
 * docs/images/progress.png.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { renderBoard } from "../commands/leaderboard/picture.ts";
import { renderProgressCard } from "../commands/progress/picture.ts";
import { isoWeekKey } from "../src/domain/calendar.ts";
import { DEFAULT_SCORING } from "../src/domain/scoring.ts";
import { createEmbeddedRedis } from "../src/store/embedded-redis.ts";
import { RedisStore } from "../src/store/redis-store.ts";
import { DEMO_MEMBERS, seedDemoGroup } from "./demo-group.ts";

const OUT = fileURLToPath(new URL("../docs/images/", import.meta.url));
/** A fixed day, so the pictures change only when the drawing does. */
const NOW = Date.parse("2026-12-04T11:00:00Z");

const store = new RedisStore(createEmbeddedRedis(), { scoring: DEFAULT_SCORING, clock: "caller" });
const demo = await seedDemoGroup(store, NOW);
const caller = DEMO_MEMBERS[6];
const week = isoWeekKey(NOW, demo.timezone);
const board = await store.leaderboard(demo.group, { kind: "month", key: "2026-11" }, caller.id, 10);
const leaderboard = await renderBoard(board, "November 2026 (2026-11)", caller.id);
const member = DEMO_MEMBERS[1];
const progress = await renderProgressCard(store, {
  group: demo.group,
  memberId: member.id,
  name: member.name,
  now: NOW,
  calendar: { timezone: demo.timezone, weekdaysOnly: false },
  topicAnswers: demo.topicAnswers.get(member.id),
});
mkdirSync(OUT, { recursive: true });
writeFileSync(`${OUT}leaderboard.png`, leaderboard.bytes);
writeFileSync(`${OUT}progress.png`, progress.bytes);
console.log(
  `docs/images/leaderboard.png ${leaderboard.width}×${leaderboard.height}, ${leaderboard.bytes.length} bytes`,
);
console.log(
  `docs/images/progress.png ${progress.width}×${progress.height}, ${progress.bytes.length} bytes (week ${week})`,
);
await store.close();
