-- Claims one schema change for publishing (enrichment-service, docs/redis-keys.md "Schemas").
-- KEYS[1] paths hash, KEYS[2] claimed change ids set, KEYS[3] pending hash (one hash tag: the topic).
-- ARGV: change id, path ('' for a control record), path record (JSON), event (JSON),
-- claimer, now (epoch ms), lease (ms), mode ('claim' or 'learn').
-- Returns {1, event} when the caller must publish the event: it claimed the change now, or
-- it claimed it before and has not confirmed the publish (a retry), or the claimer's lease
-- ran out (it crashed or stalled). Returns {0, ''} when the change is already known.
local id, path, record, event, claimer = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local now, lease, mode = tonumber(ARGV[6]), tonumber(ARGV[7]), ARGV[8]
if redis.call('SADD', KEYS[2], id) == 1 then
  if path ~= '' then redis.call('HSET', KEYS[1], path, record) end
  if mode == 'learn' then return {0, ''} end
  redis.call('HSET', KEYS[3], id, claimer .. '|' .. now .. '|' .. event)
  return {1, event}
end
local pending = redis.call('HGET', KEYS[3], id)
if pending then
  local owner, at, claimed = string.match(pending, '^([^|]*)|([^|]*)|(.*)$')
  if owner == claimer or now - tonumber(at) > lease then
    redis.call('HSET', KEYS[3], id, claimer .. '|' .. now .. '|' .. claimed)
    return {1, claimed}
  end
  return {0, ''}
end
-- published before (the path's type changed back): record the current type, publish nothing
if path ~= '' then redis.call('HSET', KEYS[1], path, record) end
return {0, ''}
