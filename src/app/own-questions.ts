import { questionJson, storedQuestion } from "../content/bank-codec.ts";
import type { Question } from "../content/model.ts";
import { workspaceOfGroup } from "../core/group-key.ts";
import type { BankScope } from "../store/bank.ts";
import type { Store } from "../store/store.ts";

/**
 * A group's own questions: its bank and its workspace's shared one. Nothing here ever reads another
 * group's or another workspace's bank.
 */
export function banksOf(group: string): { group: BankScope; workspace: BankScope } {
  return { group: { group }, workspace: { workspace: workspaceOfGroup(group) } };
}

export interface OwnTopic {
  topic: string;
  ids: string[];
}

/** The topics the group's and its workspace's banks hold, with their question ids. */
export async function ownTopics(store: Store, group: string): Promise<OwnTopic[]> {
  const banks = banksOf(group);
  const [own, shared] = await Promise.all([store.bankTopics(banks.group), store.bankTopics(banks.workspace)]);
  const byTopic = new Map<string, string[]>();
  for (const [id, topic] of [...shared, ...own]) byTopic.set(topic, [...(byTopic.get(topic) ?? []), id]);
  return [...byTopic]
    .map(([topic, ids]) => ({ topic, ids: [...new Set(ids)].sort() }))
    .sort((a, b) => a.topic.localeCompare(b.topic));
}

/** One of the group's own questions by id: its bank first, then its workspace's. */
export async function ownQuestion(store: Store, group: string, id: string): Promise<Question | undefined> {
  const banks = banksOf(group);
  const entry =
    (await store.bankQuestion(banks.group, id)) ?? (await store.bankQuestion(banks.workspace, id));
  return entry ? storedQuestion(entry.json) : undefined;
}

/**
 * The questions a group can practise and be reviewed on: the shipped bank, then its workspace's bank
 * and its own (the group's own wins an id both hold; neither takes a shipped id).
 */
export async function questionsOfGroup(
  store: Store,
  shipped: ReadonlyMap<string, Question>,
  group: string,
): Promise<ReadonlyMap<string, Question>> {
  const banks = banksOf(group);
  const [shared, own] = await Promise.all([
    bankContents(store, banks.workspace),
    bankContents(store, banks.group),
  ]);
  if (shared.length === 0 && own.length === 0) return shipped;
  const all = new Map(shipped);
  for (const q of [...shared, ...own]) if (!shipped.has(q.id)) all.set(q.id, q);
  return all;
}

/**
 * The topic of every question the group can be asked, by id: the shipped bank's, then its workspace's
 * and its own, read from the banks' topic index without decoding a question.
 */
export async function topicsOfGroup(
  store: Store,
  shipped: ReadonlyMap<string, Question>,
  group: string,
): Promise<ReadonlyMap<string, { topic: string }>> {
  const banks = banksOf(group);
  const [shared, own] = await Promise.all([store.bankTopics(banks.workspace), store.bankTopics(banks.group)]);
  if (shared.size === 0 && own.size === 0) return shipped;
  const all = new Map<string, { topic: string }>(shipped);
  for (const [id, topic] of [...shared, ...own]) if (!shipped.has(id)) all.set(id, { topic });
  return all;
}

/** One question by id: the shipped one, else the group's or its workspace's. */
export async function questionOfGroup(
  store: Store,
  shipped: ReadonlyMap<string, Question>,
  group: string,
  id: string,
): Promise<Question | undefined> {
  return shipped.get(id) ?? (await ownQuestion(store, group, id));
}

/** Every question of one bank, as the content layer reads them. */
export async function bankContents(store: Store, scope: BankScope): Promise<Question[]> {
  return (await store.bankQuestions(scope)).flatMap((e) => storedQuestion(e.json) ?? []);
}

/** Keeps the question of a round from a group's bank with the round, for its close. */
export function keepWithRound(store: Store, group: string, roundId: string, q: Question, ttlSeconds: number) {
  return store.keepRoundQuestion(group, roundId, questionJson(q), ttlSeconds);
}

/** The question a round asked: the shipped one, else the one kept with the round. */
export async function roundQuestion(
  store: Store,
  shipped: ReadonlyMap<string, Question>,
  group: string,
  round: { id: string; questionId: string },
): Promise<Question | undefined> {
  const known = shipped.get(round.questionId);
  if (known) return known;
  const json = await store.roundQuestion(group, round.id);
  return json ? storedQuestion(json) : undefined;
}
