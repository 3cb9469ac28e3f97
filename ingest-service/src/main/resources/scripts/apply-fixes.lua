-- Applies a batch of GPS fixes of ONE shard atomically (docs/redis-keys.md).
-- KEYS: 1 = geo set, 2 = seen set, 3 = positions hash, then per fix its track list
--       (no track keys when the track is off).
-- ARGV: 1 = track max points (0 = no track), 2 = track max age (ms),
--       3 = track expiry refresh interval (ms), 4 = track resolution (ms, 0 = every fix),
--       then per fix 5 values: car id, ts, lat, lng, position
--       ('ts,lat,lng,speedKmh,heading', speedKmh and heading empty when not sent; lng is
--       '' when the fix is beyond the geo-indexable latitude).
-- A car's latest position is replaced only by a fix strictly newer than its last-seen
-- time (and than any other fix of the car in this call), so older, duplicate and
-- replayed fixes never overwrite newer state. The comparisons, the latest positions,
-- the geo index and the last-seen times are one multi-member command each per call;
-- only the track is written per car. The track is a list, newest first, of at most one
-- point per resolution interval (the first fix of the interval); the newest fix itself is
-- the latest position. A fix newer than all before it that starts a new interval is
-- pushed on the head (O(1)); a late fix is inserted at its place unless its interval
-- already has a point (so a replay adds nothing).
-- Returns {applied, late}: the number of cars whose latest position a fix of this call
-- replaced, and the number of late fixes (older than or equal to the car's newest known
-- fix when they arrived: its last-seen time or an earlier fix of this call). An in-order
-- fix overtaken by a newer one of the same car in this call is neither.
local maxPoints = tonumber(ARGV[1])
local maxAgeMs = tonumber(ARGV[2])
local refreshMs = tonumber(ARGV[3])
local resolutionMs = tonumber(ARGV[4])
local geoKey, seenKey, posKey = KEYS[1], KEYS[2], KEYS[3]
local HEADER = 4
local PER_FIX = 5
local fixes = (#ARGV - HEADER) / PER_FIX
local TRIM_SLACK = 10
-- one interval per fix when the resolution is 0
local bucketMs = (resolutionMs > 0) and resolutionMs or 1

local cars = {}
for i = 0, fixes - 1 do
  cars[i + 1] = ARGV[HEADER + 1 + PER_FIX * i]
end
local stored = redis.call('ZMSCORE', seenKey, unpack(cars))

-- the rare late fix: inserted in time order, once per interval
local function insertLate(trackKey, ts, member)
  local interval = math.floor(ts / bucketMs)
  local points = redis.call('LRANGE', trackKey, 0, -1)
  for j = 1, #points do
    local point = points[j]
    local pointTs = tonumber(string.match(point, '^[^,]+'))
    if point == member or math.floor(pointTs / bucketMs) == interval then
      return
    end
    if pointTs < ts then
      redis.call('LINSERT', trackKey, 'BEFORE', point, member)
      redis.call('LTRIM', trackKey, 0, maxPoints - 1)
      return
    end
  end
  if #points < maxPoints then
    redis.call('RPUSH', trackKey, member)
  end
end

-- one pass in arrival order: a fix newer than everything seen of its car so far becomes
-- the car's candidate latest position (and a track point if it starts an interval); any
-- other is late
local newest, winner = {}, {}
local late = 0
for i = 0, fixes - 1 do
  local car = cars[i + 1]
  local a = HEADER + 1 + PER_FIX * i
  local ts = tonumber(ARGV[a + 1])
  local last = newest[car]
  if last == nil then
    last = tonumber(stored[i + 1]) or -1
  end
  if ts > last then
    winner[car] = i
    newest[car] = ts
    if maxPoints > 0 then
      local trackKey = KEYS[4 + i]
      if last < 0 or math.floor(ts / bucketMs) ~= math.floor(last / bucketMs) then
        -- trimmed back to maxPoints only once it holds TRIM_SLACK more: a command per fix saved
        if redis.call('LPUSH', trackKey, ARGV[a + 4]) > maxPoints + TRIM_SLACK then
          redis.call('LTRIM', trackKey, 0, maxPoints - 1)
        end
      end
      -- the expiry (a silent car's track goes away) is moved once per interval, not per fix
      if math.floor(ts / refreshMs) ~= math.floor(last / refreshMs) then
        redis.call('PEXPIRE', trackKey, maxAgeMs)
      end
    end
  else
    late = late + 1
    if maxPoints > 0 then
      insertLate(KEYS[4 + i], ts, ARGV[a + 4])
    end
  end
end

local applied = 0
local posArgs, geoArgs, farArgs, seenArgs = {}, {}, {}, {}
for car, i in pairs(winner) do
  local a = HEADER + 1 + PER_FIX * i
  local ts, lat, lng = ARGV[a + 1], ARGV[a + 2], ARGV[a + 3]
  posArgs[#posArgs + 1] = car
  posArgs[#posArgs + 1] = ARGV[a + 4]
  if lng ~= '' then
    geoArgs[#geoArgs + 1] = lng
    geoArgs[#geoArgs + 1] = lat
    geoArgs[#geoArgs + 1] = car
  else
    farArgs[#farArgs + 1] = car
  end
  seenArgs[#seenArgs + 1] = ts
  seenArgs[#seenArgs + 1] = car
  applied = applied + 1
end
if #posArgs > 0 then
  redis.call('HSET', posKey, unpack(posArgs))
end
if #geoArgs > 0 then
  redis.call('GEOADD', geoKey, unpack(geoArgs))
end
if #farArgs > 0 then
  redis.call('ZREM', geoKey, unpack(farArgs))
end
if #seenArgs > 0 then
  redis.call('ZADD', seenKey, 'GT', unpack(seenArgs))
end
return {applied, late}
