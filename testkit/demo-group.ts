import { periodsAt } from "../src/domain/calendar.ts";
import type { Credit, Store } from "../src/store/store.ts";

/**
 * A demo study group written through the store's own steps (check-ins, quiz answers, mock answers
 * and reviews, each its real script), for the example pictures in docs/ and for tests. Deterministic:
 * the same `end` gives the same group.
 */
export const DEMO_GROUP = "demo:workspace:channel";
export const DEMO_ZONE = "Europe/Berlin";
export const DEMO_DAYS = 112;

/** The members, with how often each studies: names in several scripts, with emoji, as members pick them. */
export const DEMO_MEMBERS = [
  { id: "u01", name: "Ana Souza", keen: 0.9 },
  { id: "u02", name: "Zoë Müller 🚀", keen: 0.8 },
  { id: "u03", name: "محمد علي", keen: 0.75 },
  { id: "u04", name: "Пётр Иванов", keen: 0.7 },
  { id: "u05", name: "Kenji 山田", keen: 0.65 },
  { id: "u06", name: "Priya Raman", keen: 0.6 },
  { id: "u07", name: "Sam O'Brien", keen: 0.5 },
  { id: "u08", name: "Lee Min-jun 🎧", keen: 0.45 },
  { id: "u09", name: "Chloé Martin", keen: 0.4 },
  { id: "u10", name: "Dev Patel", keen: 0.3 },
  { id: "u11", name: "Ola Nordmann", keen: 0.2 },
  { id: "u12", name: "Grace Hopper-Fan", keen: 0.1 },
] as const;

const TOPICS = ["Node.js internals", "Databases", "System design", "Caching", "Networking", "Security"];

/** A small seeded generator (mulberry32): the demo is the same on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface DemoGroup {
  group: string;
  timezone: string;
  /** Quiz answers per member and topic, as the demo gave them. */
  topicAnswers: Map<string, { topic: string; answers: number; correct: number }[]>;
}

export async function seedDemoGroup(store: Store, end: number): Promise<DemoGroup> {
  const rand = random(20261206);
  const topicAnswers = new Map<string, Map<string, { answers: number; correct: number }>>();
  await store.ensureGroup(DEMO_GROUP, { timezone: DEMO_ZONE });
  for (let d = DEMO_DAYS - 1; d >= 0; d--) {
    const noon = end - d * 86_400_000;
    const periods = periodsAt(noon, DEMO_ZONE);
    const credit = (m: { id: string; name: string }): Credit => ({
      memberId: m.id,
      name: m.name,
      periods,
      timezone: DEMO_ZONE,
    });
    const roundId = `r${d}`;
    const topic = TOPICS[Math.floor(rand() * TOPICS.length)] ?? "Databases";
    await store.createRound(
      DEMO_GROUP,
      {
        id: roundId,
        questionId: `q${d}`,
        answer: 1,
        optionCount: 4,
        startedBy: "u01",
        startedAt: noon,
        closesAt: noon + 60_000,
        timezone: DEMO_ZONE,
      },
      3600,
    );
    for (const m of DEMO_MEMBERS) {
      // Keen members study on most days, in streaks; a weekend lowers everyone's odds.
      const weekend = new Date(noon).getUTCDay() % 6 === 0;
      if (rand() > m.keen * (weekend ? 0.6 : 1)) continue;
      const skill = 0.35 + m.keen * 0.6;
      const right = rand() < skill;
      await store.answerRound(DEMO_GROUP, roundId, right ? 1 : 2, noon + 5000 + rand() * 50_000, credit(m));
      const perTopic = topicAnswers.get(m.id) ?? new Map<string, { answers: number; correct: number }>();
      const t = perTopic.get(topic) ?? { answers: 0, correct: 0 };
      perTopic.set(topic, { answers: t.answers + 1, correct: t.correct + (right ? 1 : 0) });
      topicAnswers.set(m.id, perTopic);
      if (rand() < 0.7) await store.checkIn(DEMO_GROUP, "demo-plan", DEMO_DAYS - d, credit(m));
      if (rand() < m.keen * 0.25)
        await store.creditAction(DEMO_GROUP, credit(m), { points: 10, perDay: 1 }, "mocks");
      if (rand() < m.keen * 0.3)
        await store.creditAction(DEMO_GROUP, credit(m), { points: 5, perDay: 2 }, "reviews");
    }
    await store.closeRound(DEMO_GROUP, roundId);
  }
  return {
    group: DEMO_GROUP,
    timezone: DEMO_ZONE,
    topicAnswers: new Map(
      [...topicAnswers].map(([id, perTopic]) => [id, [...perTopic].map(([topic, t]) => ({ topic, ...t }))]),
    ),
  };
}
