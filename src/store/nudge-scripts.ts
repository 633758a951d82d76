/**
 * KEYS: the day's stats hash, the day's set of counted rounds.
 * ARGV: roundId, TTL in seconds, questionId, topic, then memberId and 1/0 (right) for each answer.
 * Counts a round once: a second call (another process closing, a retry) finds it in the set.
 */
export const ROUND_STATS_SCRIPT = `
if redis.call('SADD', KEYS[2], ARGV[1]) == 0 then return 0 end
local ttl = tonumber(ARGV[2])
redis.call('EXPIRE', KEYS[2], ttl)
local q, topic = 'q|' .. ARGV[3] .. '|', ARGV[4]
for i = 5, #ARGV, 2 do
  local m = 'm|' .. ARGV[i] .. '|' .. topic .. '|'
  redis.call('HINCRBY', KEYS[1], q .. 'n', 1)
  redis.call('HINCRBY', KEYS[1], m .. 'n', 1)
  if ARGV[i + 1] == '1' then
    redis.call('HINCRBY', KEYS[1], q .. 'c', 1)
    redis.call('HINCRBY', KEYS[1], m .. 'c', 1)
  end
end
redis.call('EXPIRE', KEYS[1], ttl)
return 1
`;

/**
 * KEYS: reminders, digest members, owed notices. ARGV: memberId, '1' when a notice is owed.
 * Turns the member's reminder and digest off, and owes them a notice, in one step.
 */
export const CLOSE_DIRECT_SCRIPT = `
redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('SREM', KEYS[2], ARGV[1])
if ARGV[2] == '1' then redis.call('SADD', KEYS[3], ARGV[1]) end
return 1
`;
