/**
 * KEYS: round, answers, the day's stats hash, the day's set of counted rounds.
 * ARGV: roundId, TTL in seconds, topic.
 * Counts a closed round's answers (a choice equal to the round's answer is right) once: a second
 * call (another process settling it, a retry) finds the round in the set. Returns 1 when counted.
 */
export const ROUND_STATS_SCRIPT = `
local r = redis.call('HMGET', KEYS[1], 'status', 'questionId', 'answer')
if r[1] ~= 'closed' or type(r[2]) ~= 'string' then return 0 end
if redis.call('SADD', KEYS[4], ARGV[1]) == 0 then return 0 end
local ttl = tonumber(ARGV[2])
redis.call('EXPIRE', KEYS[4], ttl)
local answers = redis.call('HGETALL', KEYS[2])
local q, topic, right = 'q|' .. r[2] .. '|', ARGV[3], tonumber(r[3])
for i = 1, #answers, 2 do
  local m = 'm|' .. answers[i] .. '|' .. topic .. '|'
  redis.call('HINCRBY', KEYS[3], q .. 'n', 1)
  redis.call('HINCRBY', KEYS[3], m .. 'n', 1)
  if tonumber(string.match(answers[i + 1], '^(%d+)')) == right then
    redis.call('HINCRBY', KEYS[3], q .. 'c', 1)
    redis.call('HINCRBY', KEYS[3], m .. 'c', 1)
  end
end
if #answers > 0 then redis.call('EXPIRE', KEYS[3], ttl) end
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
