-- Social traffic: every request carries a tracking parameter never seen before,
-- as clicks from a share do (?fbclid=… is unique per click).
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

function init(args)
  counter = 0
end

function request()
  counter = counter + 1
  return wrk.format(nil, wrk.path .. "?fbclid=IwAR" .. tid .. "x" .. counter)
end
