-- LuaScriptTests: adds ARGV[1] to KEYS[1]; a negative amount is refused by the script
local amount = tonumber(ARGV[1])
if amount < 0 then
	return redis.error_reply('negative amount ' .. ARGV[1])
end
return redis.call('INCRBY', KEYS[1], amount)
