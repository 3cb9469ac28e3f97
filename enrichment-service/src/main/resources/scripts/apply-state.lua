-- Applies one car's state change (enrichment-service, docs/redis-keys.md "Vehicle state").
-- KEYS[1] values hash, KEYS[2] times hash, KEYS[3] array-replacement hash (one hash tag).
-- ARGV[1..3]: how many sets, removals and array replacements follow;
-- then per set: path, JSON value, event time; per removal: path, event time;
-- per array: path, event time.
-- Order-safe and idempotent per signal: a value is written only if its event time is at or
-- after the stored one, a path is removed only if stored at or before the removal's time,
-- so an older or replayed write never overwrites a newer one.
local sets, removals, arrays = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
-- Lua's unpack is bounded by its stack: multi-member commands go in chunks of this many
local CHUNK = 4000
local applied = 0
-- the sets (the common case) cost one HMGET of their stored times and one multi-field
-- HSET per hash, not a command per signal
if sets > 0 then
  local paths = {}
  for k = 0, sets - 1 do
    paths[k + 1] = ARGV[4 + 3 * k]
  end
  local held = {}
  for s = 1, sets, CHUNK do
    local part = redis.call('HMGET', KEYS[2], unpack(paths, s, math.min(s + CHUNK - 1, sets)))
    for j = 1, #part do
      held[s + j - 1] = part[j]
    end
  end
  local values, times = {}, {}
  for k = 0, sets - 1 do
    local a = 4 + 3 * k
    local stored = tonumber(held[k + 1])
    if stored == nil or stored <= tonumber(ARGV[a + 2]) then
      values[#values + 1] = ARGV[a]
      values[#values + 1] = ARGV[a + 1]
      times[#times + 1] = ARGV[a]
      times[#times + 1] = ARGV[a + 2]
      applied = applied + 1
    end
  end
  for s = 1, #values, CHUNK do
    redis.call('HSET', KEYS[1], unpack(values, s, math.min(s + CHUNK - 1, #values)))
    redis.call('HSET', KEYS[2], unpack(times, s, math.min(s + CHUNK - 1, #times)))
  end
end
local i = 4 + 3 * sets
for _ = 1, removals do
  local path, t = ARGV[i], tonumber(ARGV[i + 1])
  i = i + 2
  local held = tonumber(redis.call('HGET', KEYS[2], path))
  if held ~= nil and held <= t then
    redis.call('HDEL', KEYS[1], path)
    redis.call('HDEL', KEYS[2], path)
    applied = applied + 1
  end
end
for _ = 1, arrays do
  local path, t = ARGV[i], tonumber(ARGV[i + 1])
  i = i + 2
  local held = tonumber(redis.call('HGET', KEYS[3], path))
  if held == nil or held < t then
    redis.call('HSET', KEYS[3], path, ARGV[i - 1])
  end
end
return applied
