import { BANK_REMOVE_SCRIPT, BANK_REMOVE_TOPIC_SCRIPT, BANK_SAVE_SCRIPT } from "./bank-scripts.ts";
import type { BankEntry, BankSaveResult, BankScope, BankStore } from "./bank.ts";
import { globalKeys, groupKeys } from "./keys.ts";
import type { RedisClient } from "./redis-client.ts";

type ScriptFn = (...args: (string | number)[]) => Promise<unknown>;

/** The question banks on Redis: a group's keys carry its hash tag, a workspace's its own. */
export class RedisBank implements BankStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {
    redis.defineCommand("sgBankSave", { lua: BANK_SAVE_SCRIPT, numberOfKeys: 2 });
    redis.defineCommand("sgBankRemove", { lua: BANK_REMOVE_SCRIPT, numberOfKeys: 2 });
    redis.defineCommand("sgBankRemoveTopic", { lua: BANK_REMOVE_TOPIC_SCRIPT, numberOfKeys: 2 });
  }

  private script(name: string): ScriptFn {
    const fn = (this.redis as unknown as Record<string, ScriptFn>)[name];
    if (!fn) throw new Error(`script ${name} not defined`);
    return fn.bind(this.redis);
  }

  private keys(scope: BankScope): [bank: string, topics: string] {
    if ("group" in scope) {
      const k = groupKeys(this.prefix, scope.group);
      return [k.bank, k.bankTopics];
    }
    const k = globalKeys(this.prefix);
    return [k.workspaceBank(scope.workspace), k.workspaceBankTopics(scope.workspace)];
  }

  async saveBankQuestions(
    scope: BankScope,
    entries: readonly BankEntry[],
    limit: number,
  ): Promise<BankSaveResult> {
    if (entries.length === 0) return { status: "saved", total: (await this.bankTopics(scope)).size };
    const args = entries.flatMap((e) => [e.id, e.topic, e.json]);
    const reply = String(await this.script("sgBankSave")(...this.keys(scope), limit, ...args));
    const [status, value = ""] = reply.split("|");
    if (status === "taken") return { status: "taken", ids: value.split(",") };
    if (status === "over") return { status: "over-limit", total: Number(value) };
    return { status: "saved", total: Number(value) };
  }

  async bankTopics(scope: BankScope): Promise<Map<string, string>> {
    return new Map(Object.entries(await this.redis.hgetall(this.keys(scope)[1])));
  }

  async bankQuestion(scope: BankScope, id: string): Promise<BankEntry | undefined> {
    const [bank, topics] = this.keys(scope);
    const [json, topic] = await Promise.all([this.redis.hget(bank, id), this.redis.hget(topics, id)]);
    return json && topic ? { id, topic, json } : undefined;
  }

  async bankQuestions(scope: BankScope): Promise<BankEntry[]> {
    const [bank, topics] = this.keys(scope);
    const [questions, topicOf] = await Promise.all([this.redis.hgetall(bank), this.redis.hgetall(topics)]);
    return Object.entries(questions)
      .map(([id, json]) => ({ id, topic: topicOf[id] ?? "", json }))
      .sort((a, b) => a.topic.localeCompare(b.topic) || a.id.localeCompare(b.id));
  }

  async removeBankQuestion(scope: BankScope, id: string): Promise<boolean> {
    return Number(await this.script("sgBankRemove")(...this.keys(scope), id)) > 0;
  }

  async removeBankTopic(scope: BankScope, topic: string): Promise<number> {
    return Number(await this.script("sgBankRemoveTopic")(...this.keys(scope), topic));
  }

  async keepRoundQuestion(group: string, roundId: string, json: string, ttlSeconds: number): Promise<void> {
    await this.redis.set(groupKeys(this.prefix, group).roundQuestion(roundId), json, "EX", ttlSeconds);
  }

  async roundQuestion(group: string, roundId: string): Promise<string | undefined> {
    return (await this.redis.get(groupKeys(this.prefix, group).roundQuestion(roundId))) ?? undefined;
  }
}
