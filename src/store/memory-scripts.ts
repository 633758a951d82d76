/**
 * Scripts of members' memory (spaced review). Same portability habits as redis-scripts.ts.
 *
 * CARDS holds what they share: the cards of one question for several members, each as two keys
 * (the member's memory hash and due index) and three arguments (the card as read, '' for none; the
 * new card; its due instant). A write is a compare-and-set: if any card changed since it was read
 * (the same member answering elsewhere), nothing is written and the caller reads again.
 */
const CARDS = `
local function cardsUnchanged(keys, args, questionId, from, count)
  for i = 0, count - 1 do
    local current = redis.call('HGET', keys[from + 2 * i], questionId)
    if type(current) ~= 'string' then current = '' end
    if current ~= args[from + 3 * i] then return false end
  end
  return true
end

local function writeCards(keys, args, questionId, from, count)
  for i = 0, count - 1 do
    redis.call('HSET', keys[from + 2 * i], questionId, args[from + 3 * i + 1])
    redis.call('ZADD', keys[from + 2 * i + 1], args[from + 3 * i + 2], questionId)
  end
end
`;

/**
 * KEYS: round, then each answerer's memory hash and due index.
 * ARGV: the question id, then per answerer: card as read, new card, due instant.
 * Applies a closed round's reviews once: only while the round's memory is 'pending' (set by its
 * close), which it turns to 'applied'. Returns 'applied', 'done' (nothing pending) or 'stale'.
 */
export const ROUND_MEMORY_SCRIPT = `${CARDS}
local pending = redis.call('HGET', KEYS[1], 'memory')
if pending ~= 'pending' then return 'done' end
local count = (#KEYS - 1) / 2
if not cardsUnchanged(KEYS, ARGV, ARGV[1], 2, count) then return 'stale' end
writeCards(KEYS, ARGV, ARGV[1], 2, count)
redis.call('HSET', KEYS[1], 'memory', 'applied')
return 'applied'
`;

/**
 * KEYS: a member's practice session. ARGV: session id, the step being left, the next step's option order.
 * Moves an answered step on to the next one; 'finished' after the last, 'stale' for an old button,
 * 'missing' for a session that ended or was replaced.
 */
export const PRACTICE_NEXT_SCRIPT = `
local s = redis.call('HMGET', KEYS[1], 'id', 'step', 'answered', 'total')
if s[1] ~= ARGV[1] then return 'missing' end
if tonumber(s[2]) ~= tonumber(ARGV[2]) or s[3] ~= '1' then return 'stale' end
local step = tonumber(s[2]) + 1
if step >= tonumber(s[4]) then return 'finished' end
-- Written as an integer: the embedded engine would write a computed number as '1.0'.
redis.call('HSET', KEYS[1], 'step', string.format('%d', step), 'answered', '0', 'order', ARGV[3])
return 'moved'
`;
