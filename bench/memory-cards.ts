/**
 * Members' memory at size: MEMBERS members each answer CARDS group rounds (one question each) through
 * the store's own scripts (answer, close, the round's memory update), so every member ends with
 * CARDS cards in the documented layout. Then Redis memory per member (`MEMORY USAGE` of the member's
 * memory hash and due index), the cost of "what is due" for one member (a range query and a count),
 * reading all of a member's cards (what /progress does), and the Redis commands of one answer and of
 * one round's close and memory update.
 */
import { periodsAt } from "../src/domain/calendar.ts";
import { DEFAULT_SCORING } from "../src/domain/scoring.ts";
import { createRedisClient, RedisStore } from "../src/store/redis-store.ts";
import { BenchRedis, commandsSinceReset } from "./lib/redis-server.ts";
import { fmt, median } from "./lib/stats.ts";

export interface CardsResult {
  members: number;
  cards: number;
  writeSeconds: number;
  bytesPerMember: number;
  bytesPerCard: number;
  dueCount: number;
  dueQueryMs: number;
  dueCountMs: number;
  allCardsMs: number;
  queries: number;
  answerCommands: number;
  answerRoundTrips: number;
  settleCommands: number;
}

const GROUP = "discord:900000000000000000:1100000000000000000";
const ZONE = "Europe/Berlin";
const T0 = Date.parse("2026-03-01T10:00:00Z");

async function timed(n: number, fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return median(times);
}

/**
 * `listpackUpTo`: when given, Redis keeps hashes and sorted sets of up to that many entries in its
 * compact encoding (`hash-max-listpack-entries`, `zset-max-listpack-entries`; the defaults are 128).
 */
export async function measureCards(
  members: number,
  cards: number,
  queries = 200,
  listpackUpTo?: number,
): Promise<CardsResult> {
  const redis = new BenchRedis();
  await redis.start();
  const admin = redis.client();
  if (listpackUpTo) {
    await admin.config("SET", "hash-max-listpack-entries", String(listpackUpTo));
    await admin.config("SET", "zset-max-listpack-entries", String(listpackUpTo));
  }
  const client = createRedisClient(redis.url);
  await client.connect();
  const store = new RedisStore(client, { prefix: "sg", scoring: DEFAULT_SCORING, clock: "caller" });
  // Commands the bot's client sends: its round trips (a pipeline would count per command, an upper bound).
  let sent = 0;
  const sender = client as unknown as { sendCommand: (...args: unknown[]) => unknown };
  const send = sender.sendCommand.bind(client);
  sender.sendCommand = (...args: unknown[]) => {
    sent++;
    return send(...args);
  };
  const ids = Array.from({ length: members }, (_, i) => String(100_000_000_000_000_000n + BigInt(i)));
  try {
    const started = performance.now();
    let answerCommands = 0;
    let answerRoundTrips = 0;
    let settleCommands = 0;
    for (let q = 0; q < cards; q++) {
      // One round a day for a while, then several a day: cards spread over many due dates.
      const at = T0 + Math.floor(q / 4) * 24 * 3600_000 + (q % 4) * 3600_000;
      const roundId = `r${q}`;
      await store.createRound(
        GROUP,
        {
          id: roundId,
          questionId: `bench-question-${q}`,
          answer: q % 4,
          optionCount: 4,
          startedBy: ids[0] ?? "",
          startedAt: at,
          closesAt: at + 60_000,
          timezone: ZONE,
        },
        3600,
      );
      // The second round: by then every script is loaded, as in a running bot.
      const measureThis = q === 1;
      for (const [i, memberId] of ids.entries()) {
        if (measureThis && i === 0) {
          await admin.config("RESETSTAT");
          sent = 0;
        }
        await store.answerRound(GROUP, roundId, (q + i) % 4, at + 1000, {
          memberId,
          name: `Member ${i}`,
          periods: periodsAt(at, ZONE),
          timezone: ZONE,
        });
        if (measureThis && i === 0) {
          const c = await commandsSinceReset(admin);
          answerCommands = c.all;
          answerRoundTrips = sent;
        }
      }
      if (measureThis) await admin.config("RESETSTAT");
      await store.closeRound(GROUP, roundId);
      await store.applyRoundMemory(GROUP, roundId);
      await store.finishRound(GROUP, roundId);
      if (measureThis) settleCommands = (await commandsSinceReset(admin)).all;
    }
    const writeSeconds = (performance.now() - started) / 1000;

    let bytes = 0;
    for (const memberId of ids) {
      for (const key of [`sg:{${GROUP}}:memory:${memberId}`, `sg:{${GROUP}}:memory:${memberId}:due`]) {
        bytes += Number(await admin.call("MEMORY", "USAGE", key, "SAMPLES", "0"));
      }
    }
    const bytesPerMember = bytes / members;

    // A day after the last round: part of the cards are due, part are not yet.
    const now = T0 + (Math.floor(cards / 4) + 1) * 24 * 3600_000;
    const one = ids[0] ?? "";
    const dueCount = await store.dueCount(GROUP, one, now);
    const dueQueryMs = await timed(queries, () => store.dueQuestions(GROUP, one, now, 10));
    const dueCountMs = await timed(queries, () => store.dueCount(GROUP, one, now));
    const allCardsMs = await timed(Math.max(10, queries / 10), () => store.memoryCards(GROUP, one));
    return {
      members,
      cards,
      writeSeconds,
      bytesPerMember,
      bytesPerCard: bytesPerMember / cards,
      dueCount,
      dueQueryMs,
      dueCountMs,
      allCardsMs,
      queries,
      answerCommands,
      answerRoundTrips,
      settleCommands,
    };
  } finally {
    await store.close();
    admin.disconnect();
    await redis.stop();
  }
}

/** `compact`: the same run with the compact encoding raised to 512 entries. */
export function cardsReport(r: CardsResult, compact?: CardsResult): { stdout: string; markdown: string } {
  const compactLine = compact
    ? `${fmt(compact.bytesPerMember)} bytes (${fmt(compact.bytesPerCard, 1)} per card)`
    : "–";
  const lines = [
    `Members' memory: ${r.members} members × ${r.cards} questions seen (answered through group rounds)`,
    `  Redis memory: ${fmt(r.bytesPerMember)} bytes per member (${fmt(r.bytesPerCard, 1)} per card); with hash/zset-max-listpack-entries 512: ${compactLine}`,
    `  what is due (${r.dueCount} of ${r.cards} due): first 10 in ${fmt(r.dueQueryMs, 3)} ms, the count in ${fmt(r.dueCountMs, 3)} ms, all cards in ${fmt(r.allCardsMs, 2)} ms (medians of ${r.queries})`,
    `  one group answer: ${r.answerRoundTrips} round trip, ${r.answerCommands} Redis commands inside it; one round's close and memory update: ${r.settleCommands} commands`,
  ];
  const markdown = `## Members' memory

${r.members} members each answer ${r.cards} group rounds (one question each, ${fmt(r.writeSeconds, 1)} s)
through the store's own scripts, so each holds ${r.cards} FSRS cards in the documented layout
(\`memory:<member>\` hash and \`memory:<member>:due\` index); then one member's reviews are read a
day after the last round.

| measure                                                                        | value |
| ------------------------------------------------------------------------------ | ----- |
| Redis memory per member with ${r.cards} cards (\`MEMORY USAGE\` of both keys)   | ${fmt(r.bytesPerMember)} bytes (${fmt(r.bytesPerCard, 1)} per card) |
| the same with \`hash-max-listpack-entries\` and \`zset-max-listpack-entries\` 512 (default 128) | ${compactLine} |
| "what is due": the first 10 of ${r.dueCount} due (\`ZRANGEBYSCORE … LIMIT\`), median of ${r.queries} | ${fmt(r.dueQueryMs, 3)} ms |
| how many are due (\`ZCOUNT\`), median of ${r.queries}                          | ${fmt(r.dueCountMs, 3)} ms |
| all of a member's cards (\`HGETALL\`, what /progress reads)                   | ${fmt(r.allCardsMs, 2)} ms |
| one group answer: round trips (scripts sent)                                  | ${r.answerRoundTrips} |
| one group answer: Redis commands inside it (\`INFO commandstats\`)             | ${r.answerCommands} |
| one round's close and memory update for ${r.members} answerers: Redis commands | ${r.settleCommands} |
`;
  return { stdout: lines.join("\n"), markdown };
}
