-- Applies one car's state change (enrichment-service, docs/redis-keys.md "Vehicle state").
-- KEYS[1] values hash, KEYS[2] times hash, KEYS[3] array-replacement hash (one hash tag).
-- ARGV[1..3]: how many sets, removals and array replacements follow;
-- then per set: path, JSON value, event time; per removal: path, event time;
-- per array: path, event time.
-- Order-safe and idempotent per signal: a value is written only if its event time is at or
-- after the stored one, a path is removed only if stored at or before the removal's time,
-- so an older or replayed write never overwrites a newer one.
local sets, removals, arrays = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local i = 4
local applied = 0
for _ = 1, sets do
  local path, value, t = ARGV[i], ARGV[i + 1], tonumber(ARGV[i + 2])
  i = i + 3
  local held = tonumber(redis.call('HGET', KEYS[2], path))
  if held == nil or held <= t then
    redis.call('HSET', KEYS[1], path, value)
    redis.call('HSET', KEYS[2], path, ARGV[i - 1])
    applied = applied + 1
  end
end
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
