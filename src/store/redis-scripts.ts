import { FREEZE_RULE } from "../domain/freezes.ts";

/**
 * Lua scripts: each runs as one atomic step in one round trip.
 *
 * They run on Redis and on the playground's embedded engine (ioredis-mock, Lua in fengari), and the
 * store contract tests run them on both. Two habits keep them portable: a missing field in an HMGET
 * reply is tested with type() (the embedded engine gives a non-nil null there, not false), and a
 * table returned to the caller is either built by a constructor or filled from its last element to
 * its first (the embedded engine returns a table as an array only when its keys came in that order).
 *
 * CREDIT is shared by the scripts that record a study action. Its keys come after the script's own:
 * names, member, board:all, board:week, board:month, then the member's study days (last, so a
 * script finds it at KEYS[#KEYS]). Its arguments after the script's own: memberId,
 * name, day, the study days around it, points, periodTtl. The study days around it are the ones
 * before it, newest first (so the first is the previous study day), then ";" and the first ones
 * after it: "2026-11-20,2026-11-19,2026-11-18;2026-11-22,2026-11-23" (see studyDaysAround). A plain
 * previous study day works too; then any gap ends the run, as before freezes existed.
 *
 * The streak rule with freezes (src/domain/freezes.ts states it, and streakAsOf shows the same
 * outcome before it is recorded): on the first study action of a day, each study day missed since
 * `last` spends a freeze while one is held, and the run goes on; a missed day with none left ends it
 * (the freezes held went on its first missed days, dated by `ahead`: the study days after `last`).
 * Every FREEZE_EVERY-th day of a run earns one, up to FREEZES_MAX.
 */
/** A member's study days: trimmed to the newest STUDY_DAYS_KEPT once past STUDY_DAYS_MAX (16 weeks is 112). */
export const STUDY_DAYS_KEPT = 120;
const STUDY_DAYS_MAX = 140;

const CREDIT = `
local FREEZE_EVERY, FREEZES_MAX, FREEZE_DAYS_KEPT = ${FREEZE_RULE.studyDaysPerFreeze}, ${FREEZE_RULE.maxHeld}, ${FREEZE_RULE.spentDaysKept}

local function listOf(s)
  local out = {}
  for item in string.gmatch(s, '[^,;]+') do out[#out + 1] = item end
  return out
end

-- A number field from HMGET (the embedded engine may give a number, or a non-nil null when missing).
local function numberOr0(v)
  if type(v) == 'string' or type(v) == 'number' then return tonumber(v) or 0 end
  return 0
end

local function credit(k, a, points)
  local names, member, all, week, month = k[1], k[2], k[3], k[4], k[5]
  local memberId, name, day, around, ttl = a[1], a[2], a[3], a[4], tonumber(a[5])
  redis.call('HSET', names, memberId, name)
  local s = redis.call('HMGET', member, 'last', 'cur', 'best', 'freezes', 'frozen', 'ahead')
  local last = s[1]
  if type(last) ~= 'string' then last = nil end
  if (not last) or last < day then
    local split = string.find(around, ';', 1, true)
    local before = listOf(split and string.sub(around, 1, split - 1) or around)
    local after = split and string.sub(around, split + 1) or ''
    local cur, held, spent = 1, numberOr0(s[4]), {}
    if last then
      -- Study days missed since last (counting stops at the list's end: at least that many).
      -- Like before, a weekend action in a weekday group leaves none missed on Monday.
      local missed = 0
      while missed < #before and before[missed + 1] > last do missed = missed + 1 end
      if missed == 0 then
        cur = numberOr0(s[2]) + 1
      elseif missed < #before and missed <= held then
        for i = missed, 1, -1 do spent[#spent + 1] = before[i] end
        held = held - missed
        cur = numberOr0(s[2]) + 1
      elseif held > 0 then
        if type(s[6]) == 'string' then
          local firsts = listOf(s[6])
          for i = 1, math.min(held, #firsts) do spent[#spent + 1] = firsts[i] end
        end
        held = 0
      end
    end
    if cur % FREEZE_EVERY == 0 and held < FREEZES_MAX then held = held + 1 end
    local best = numberOr0(s[3])
    if cur > best then best = cur end
    redis.call('HSET', member, 'last', day, 'cur', cur, 'best', best, 'freezes', held, 'ahead', after)
    if #spent > 0 then
      local frozen = {}
      if type(s[5]) == 'string' then frozen = listOf(s[5]) end
      for i = 1, #spent do frozen[#frozen + 1] = spent[i] end
      while #frozen > FREEZE_DAYS_KEPT do table.remove(frozen, 1) end
      redis.call('HSET', member, 'frozen', table.concat(frozen, ','))
    end
  end
  if points > 0 then
    redis.call('ZINCRBY', all, points, memberId)
    redis.call('ZINCRBY', week, points, memberId)
    redis.call('ZINCRBY', month, points, memberId)
    redis.call('EXPIRE', week, ttl)
    redis.call('EXPIRE', month, ttl)
  end
end

-- Counts a study action on the member's local day, for the progress calendar. The hash keeps the
-- newest days only: past ${STUDY_DAYS_MAX} of them, the oldest go (a day field is only ever created on its day).
local function studyDay(days, day, ttl)
  if redis.call('HINCRBY', days, day, 1) == 1 and redis.call('HLEN', days) > ${STUDY_DAYS_MAX} then
    local all = redis.call('HKEYS', days)
    table.sort(all)
    for i = 1, #all - ${STUDY_DAYS_KEPT} do redis.call('HDEL', days, all[i]) end
  end
  redis.call('EXPIRE', days, ttl)
end

-- Whether this action is within the member's first \`limit\` of its kind today (and counts it).
local function withinDailyLimit(member, counter, day, limit)
  local dayField, countField = counter .. 'Day', counter .. 'Today'
  local n = 1
  if redis.call('HGET', member, dayField) == day then
    n = tonumber(redis.call('HGET', member, countField) or '0') + 1
  end
  redis.call('HSET', member, dayField, day, countField, n)
  return n <= limit
end
`;

/**
 * Quiz timing's one clock: the given instant (ms) where the store was built with the caller's clock
 * (tests), else Redis server time, which every process shares. A script that reads TIME and then
 * writes needs effects replication, the default since Redis 5.
 */
const CLOCK = `
local function clockMs(given)
  if given ~= '' then return tonumber(given) end
  local t = redis.call('TIME')
  -- A float: the embedded engine's integers are 32 bits wide.
  return tonumber(t[1]) * 1000.0 + math.floor(tonumber(t[2]) / 1000)
end
`;

/**
 * KEYS: round, recent
 * ARGV: start ('' for Redis time), length in ms, TTL in seconds, recent-list length, the question
 * id, then the round's other fields as name/value pairs.
 * Opens the window at the start and returns its close, so one clock decides both ends.
 */
export const CREATE_ROUND_SCRIPT = `${CLOCK}
local start = clockMs(ARGV[1])
local closesAt = start + tonumber(ARGV[2])
redis.call('HSET', KEYS[1], 'startedAt', start, 'closesAt', closesAt, 'questionId', ARGV[5], unpack(ARGV, 6))
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[3]))
redis.call('LPUSH', KEYS[2], ARGV[5])
redis.call('LTRIM', KEYS[2], 0, tonumber(ARGV[4]) - 1)
return closesAt
`;

/**
 * KEYS: the due-round list. ARGV: now ('' for Redis time), limit.
 * Rounds whose closing time has passed on the one clock.
 */
export const DUE_ROUNDS_SCRIPT = `${CLOCK}
return redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', clockMs(ARGV[1]), 'LIMIT', 0, tonumber(ARGV[2]))
`;

/**
 * KEYS: round, answers, names, member, all, week, month, days
 * ARGV: choice, now ('' for Redis time), timezone, correctPoints, speedBonusMax, then CREDIT's arguments.
 * Records the click and its points (speed bonus from the click time) and counts it for the streak;
 * the points reach the boards only when the round closes (CLOSE_SCRIPT), so a board read during an
 * open round tells nobody who was right. Returns {status, a, b}.
 */
export const ANSWER_SCRIPT = `${CREDIT}${CLOCK}
local round, answers = KEYS[1], KEYS[2]
local choice, now, zone = tonumber(ARGV[1]), clockMs(ARGV[2]), ARGV[3]
local base, bonusMax = tonumber(ARGV[4]), tonumber(ARGV[5])
local r = redis.call('HMGET', round, 'status', 'closesAt', 'startedAt', 'answer', 'timezone', 'optionCount', 'pay', 'credited')
if type(r[1]) ~= 'string' then return {'missing'} end
-- A round already paid out takes no more clicks, even reopened before its time (clocks differ).
if r[1] ~= 'open' or now >= tonumber(r[2]) or type(r[8]) == 'string' then return {'closed'} end
if r[5] ~= zone then return {'wrong-zone', r[5]} end
if choice < 0 or choice >= tonumber(r[6]) then return {'missing'} end
local memberId = ARGV[6]
local previous = redis.call('HGET', answers, memberId)
if previous then
  return {'already', string.match(previous, '^(%d+)')}
end
local correct = choice == tonumber(r[4])
local points = 0
if correct then
  local closesAt, startedAt = tonumber(r[2]), tonumber(r[3])
  local span = math.max(1, closesAt - startedAt)
  points = base + math.ceil(bonusMax * math.max(0, closesAt - now) / span)
end
-- A round opened before points moved to the close (no 'pay' field) still pays at the click. An
-- answer left for the close says so with a trailing '|c': the close pays only those, so a click an
-- older process paid at once is never paid twice.
local payNow = not (type(r[7]) == 'string' and r[7] == 'close')
local value = choice .. '|' .. now .. '|' .. points
if not payNow then value = value .. '|c' end
redis.call('HSET', answers, memberId, value)
local ttl = redis.call('PTTL', round)
if ttl > 0 then redis.call('PEXPIRE', answers, ttl) end
credit({KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7]}, {ARGV[6], ARGV[7], ARGV[8], ARGV[9], ARGV[10]}, payNow and points or 0)
redis.call('HINCRBY', KEYS[4], 'answers', 1)
if payNow and correct then redis.call('HINCRBY', KEYS[4], 'correct', 1) end
studyDay(KEYS[#KEYS], ARGV[8], tonumber(ARGV[10]))
return {'accepted', correct and 1 or 0, points}
`;

/**
 * KEYS: checkins, names, member, all, week, month, days
 * ARGV: points, then CREDIT's arguments, then the plan id.
 * Returns {status, points, the member's current streak}.
 */
export const CHECK_IN_SCRIPT = `${CREDIT}
local added = redis.call('SADD', KEYS[1], ARGV[2])
local points = 0
if added == 1 then points = tonumber(ARGV[1]) end
credit({KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6]}, {ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6]}, points)
local streak = tonumber(redis.call('HGET', KEYS[3], 'cur') or '0')
if added == 1 then
  redis.call('HINCRBY', KEYS[3], 'checkins', 1)
  studyDay(KEYS[#KEYS], ARGV[4], tonumber(ARGV[6]))
  redis.call('HINCRBY', KEYS[3], 'plan:' .. ARGV[7], 1)
  return {'recorded', points, streak}
end
return {'already', 0, streak}
`;

/**
 * KEYS: round, answers, names, all, week, month (the boards of the round's closing time), then the
 * member hash of each answerer, in the order of ARGV.
 * ARGV: the board TTL, then the answerers' ids as the caller read them.
 * Flips an open round to closed and returns its fields, answers and the answerers' names; nil when
 * it was closed already (or expired), so exactly one caller renders the result; {'stale'} when the
 * answerers are not the ones given (a click came in since they were read), for the caller to read
 * again. In the same step, once per round (a reopened round is not paid twice), it credits each
 * answer's points to the boards and its correctness to the member, and marks the round's memory
 * update pending for MEMORY_SCRIPT.
 */
export const CLOSE_SCRIPT = `
local round, answersKey = KEYS[1], KEYS[2]
local status = redis.call('HGET', round, 'status')
if status ~= 'open' then return false end
local count = #ARGV - 1
if redis.call('HLEN', answersKey) ~= count then return {'stale'} end
for i = 1, count do
  if redis.call('HEXISTS', answersKey, ARGV[i + 1]) == 0 then return {'stale'} end
end
redis.call('HSET', round, 'status', 'closed')
local credited = redis.call('HGET', round, 'credited')
if type(credited) ~= 'string' then
  local answer, ttl = redis.call('HGET', round, 'answer'), tonumber(ARGV[1])
  for i = 1, count do
    local memberId = ARGV[i + 1]
    local value = redis.call('HGET', answersKey, memberId)
    local choice, points = string.match(value, '^(%d+)|[^|]*|(%d+)')
    points = tonumber(points)
    -- Only answers marked '|c' wait for the close; the others were paid at the click (ANSWER_SCRIPT).
    local atClose = string.sub(value, -2) == '|c'
    if atClose and choice == answer then redis.call('HINCRBY', KEYS[6 + i], 'correct', 1) end
    if atClose and points > 0 then
      redis.call('ZINCRBY', KEYS[4], points, memberId)
      redis.call('ZINCRBY', KEYS[5], points, memberId)
      redis.call('ZINCRBY', KEYS[6], points, memberId)
      redis.call('EXPIRE', KEYS[5], ttl)
      redis.call('EXPIRE', KEYS[6], ttl)
    end
  end
  redis.call('HSET', round, 'credited', '1')
  if #ARGV > 1 then redis.call('HSET', round, 'memory', 'pending') end
end
local fields = redis.call('HGETALL', round)
local answers = redis.call('HGETALL', answersKey)
local names = {}
for i = #answers / 2, 1, -1 do
  local memberId = answers[2 * i - 1]
  names[i] = redis.call('HGET', KEYS[3], memberId) or memberId
end
return {fields, answers, names}
`;

/**
 * KEYS: names, member, all, week, month, days
 * ARGV: points, counter field, daily limit, then CREDIT's arguments.
 * Returns the points given.
 */
export const CREDIT_SCRIPT = `${CREDIT}
local points = tonumber(ARGV[1])
if not withinDailyLimit(KEYS[2], ARGV[2], ARGV[6], tonumber(ARGV[3])) then points = 0 end
credit(KEYS, {ARGV[4], ARGV[5], ARGV[6], ARGV[7], ARGV[8]}, points)
redis.call('HINCRBY', KEYS[2], ARGV[2], 1)
studyDay(KEYS[#KEYS], ARGV[6], tonumber(ARGV[8]))
return points
`;

/**
 * KEYS: mock, reviews, names, member, all, week, month, days
 * ARGV: reviewer, review JSON, points, daily limit, then CREDIT's arguments.
 * Refuses the author's own answer and a second review by the same member; returns every review and
 * the points given.
 */
export const REVIEW_SCRIPT = `${CREDIT}
local author = redis.call('HGET', KEYS[1], 'author')
if not author then return {'missing'} end
if author == ARGV[1] then return {'own'} end
if redis.call('HSETNX', KEYS[2], ARGV[1], ARGV[2]) == 0 then return {'already'} end
local ttl = redis.call('PTTL', KEYS[1])
if ttl > 0 then redis.call('PEXPIRE', KEYS[2], ttl) end
local points = tonumber(ARGV[3])
if not withinDailyLimit(KEYS[4], 'reviews', ARGV[7], tonumber(ARGV[4])) then points = 0 end
credit({KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7]}, {ARGV[5], ARGV[6], ARGV[7], ARGV[8], ARGV[9]}, points)
redis.call('HINCRBY', KEYS[4], 'reviews', 1)
studyDay(KEYS[#KEYS], ARGV[7], tonumber(ARGV[9]))
return {'added', redis.call('HVALS', KEYS[2]), points}
`;

/**
 * KEYS: session, memory, memory due, then CREDIT's keys (names, member, all, week, month, days)
 * ARGV: session id, step, correct (1/0), question id, card as read ('' for none), new card, its due
 * instant, points, daily limit, then CREDIT's arguments.
 * A private practice answer: only for the session's current, unanswered step, and only if the card
 * is still the one read (else 'changed', for the caller to read again). Writes the card, counts the
 * answer for the streak and gives its points within the day's limit of correct practice answers.
 * Returns {status, points}.
 */
export const PRACTICE_ANSWER_SCRIPT = `${CREDIT}
local s = redis.call('HMGET', KEYS[1], 'id', 'step', 'answered')
if s[1] ~= ARGV[1] then return {'missing'} end
if tonumber(s[2]) ~= tonumber(ARGV[2]) then return {'stale'} end
if s[3] == '1' then return {'already'} end
local current = redis.call('HGET', KEYS[2], ARGV[4])
if type(current) ~= 'string' then current = '' end
if current ~= ARGV[5] then return {'changed'} end
redis.call('HSET', KEYS[2], ARGV[4], ARGV[6])
redis.call('ZADD', KEYS[3], ARGV[7], ARGV[4])
redis.call('HSET', KEYS[1], 'answered', '1')
local points = 0
if ARGV[3] == '1' then
  redis.call('HINCRBY', KEYS[1], 'right', 1)
  if withinDailyLimit(KEYS[5], 'practice', ARGV[12], tonumber(ARGV[9])) then points = tonumber(ARGV[8]) end
end
credit({KEYS[4], KEYS[5], KEYS[6], KEYS[7], KEYS[8]}, {ARGV[10], ARGV[11], ARGV[12], ARGV[13], ARGV[14]}, points)
studyDay(KEYS[#KEYS], ARGV[12], tonumber(ARGV[14]))
redis.call('HINCRBY', KEYS[5], 'practiced', 1)
return {'answered', points}
`;
