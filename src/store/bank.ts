/** Whose bank of questions: one group's, or a whole workspace's (`platform:workspace`), shared by its groups. */
export type BankScope = { group: string } | { workspace: string };

/** One question of a group's or workspace's own bank, as the store keeps it: the content layer owns `json`. */
export interface BankEntry {
  id: string;
  topic: string;
  json: string;
}

export type BankSaveResult =
  | { status: "saved"; total: number }
  /** Nothing saved: these ids are in the bank already. */
  | { status: "taken"; ids: string[] }
  /** Nothing saved: the bank holds `total` and the import would take it past the limit. */
  | { status: "over-limit"; total: number };

/** The store's part for each group's own questions. Every write is one atomic step on one Cluster slot. */
export interface BankStore {
  /** Adds every entry, or none: refused when an id is taken or the bank would pass `limit`. */
  saveBankQuestions(scope: BankScope, entries: readonly BankEntry[], limit: number): Promise<BankSaveResult>;
  /** Question id → topic, without the questions themselves (cheap enough for autocomplete). */
  bankTopics(scope: BankScope): Promise<Map<string, string>>;
  bankQuestion(scope: BankScope, id: string): Promise<BankEntry | undefined>;
  bankQuestions(scope: BankScope): Promise<BankEntry[]>;
  /** Removes one question; false when it is not in the bank. */
  removeBankQuestion(scope: BankScope, id: string): Promise<boolean>;
  /** Removes a topic's questions; returns how many. */
  removeBankTopic(scope: BankScope, topic: string): Promise<number>;
  /** Keeps a round's question with the round, so its close shows it even after it leaves the bank. */
  keepRoundQuestion(group: string, roundId: string, json: string, ttlSeconds: number): Promise<void>;
  roundQuestion(group: string, roundId: string): Promise<string | undefined>;
}
