-- Applies a batch of GPS fixes of ONE shard atomically (docs/redis-keys.md).
-- KEYS: 1 = geo set, 2 = seen set, then per fix: position hash, track set.
-- ARGV: 1 = track max points (0 = no track), 2 = track max age (ms),
--       then per fix 9 values: car id, ts, lat, lng, speedKmh, heading, kafkaTs,
--       geo-indexable ('1' or '0'), track member
--       (speedKmh and heading are '' when the device did not send them).
-- A fix replaces the latest position only if its ts is strictly newer than the car's
-- last-seen time: ZADD GT CH both compares and records it in one command, so older,
-- duplicate and replayed fixes never overwrite newer state.
-- Returns the number of fixes that became the latest position.
local maxPoints = tonumber(ARGV[1])
local maxAgeMs = tonumber(ARGV[2])
local geoKey, seenKey = KEYS[1], KEYS[2]
local applied = 0
local fixes = (#KEYS - 2) / 2
for i = 0, fixes - 1 do
  local a = 3 + 9 * i
  local car, ts, lat, lng = ARGV[a], ARGV[a + 1], ARGV[a + 2], ARGV[a + 3]
  local newest = redis.call('ZADD', seenKey, 'GT', 'CH', ts, car) == 1
  if newest then
    local posKey = KEYS[3 + 2 * i]
    local indexable = ARGV[a + 7]
    redis.call('HSET', posKey, 'lat', lat, 'lng', lng, 'ts', ts, 'speedKmh', ARGV[a + 4], 'heading', ARGV[a + 5],
      'kafkaTs', ARGV[a + 6], 'geo', indexable)
    if indexable == '1' then
      redis.call('GEOADD', geoKey, lng, lat, car)
    else
      redis.call('ZREM', geoKey, car)
    end
    applied = applied + 1
  end
  if maxPoints > 0 then
    local trackKey = KEYS[4 + 2 * i]
    if redis.call('ZADD', trackKey, ts, ARGV[a + 8]) == 1 then
      redis.call('ZREMRANGEBYRANK', trackKey, 0, -(maxPoints + 1))
      if newest then
        -- the age bound counts back from the car's newest fix, so only a newest fix moves it
        redis.call('ZREMRANGEBYSCORE', trackKey, '-inf', '(' .. (tonumber(ts) - maxAgeMs))
        redis.call('PEXPIRE', trackKey, maxAgeMs)
      end
    end
  end
end
return applied
