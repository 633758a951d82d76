/** A group bank of two questions on one topic, as an organizer would import it. */
export const GOOD_YAML = `topic: acme-onsite
title: ACME onsite loop
questions:
  - id: acme-queue-choice
    difficulty: medium
    tags: [messaging]
    question: >-
      Orders arrive in bursts of 10k per minute and the billing worker handles 2k. What keeps
      billing correct without dropping orders?
    options:
      - text: A durable queue that billing drains at its own pace
        correct: true
      - text: A bigger thread pool inside the billing worker
      - text: Return HTTP 500 and let clients retry at once
      - text: Cache the billing results in Redis for an hour
    explanation: >-
      A durable queue absorbs the burst; more threads do not add capacity the database lacks,
      immediate retries amplify the burst and caching does not apply to new orders.
  - id: acme-index-choice
    difficulty: easy
    tags: [databases]
    question: Which structure do most relational databases use for a default secondary index?
    options:
      - text: Hash table
      - text: B-tree
        correct: true
      - text: Bloom filter
    explanation: Relational engines default to B-trees, which serve equality and range lookups alike.
`;
