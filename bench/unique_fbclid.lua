-- Social traffic: every request carries a tracking parameter never seen before,
-- as clicks from a share do (?fbclid=… is unique per click).
--
-- With the argument "control" (wrk -s unique_fbclid.lua URL -- control) the
-- same unique string rides in a header the site ignores instead, so wrk does
-- the same work per request for the plain address. wrk shares the machine's
-- cores with the server, so social traffic is compared with that, not with
-- plain wrk, whose requests cost it nothing to build.
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

function init(args)
  counter = 0
  control = args[1] == "control"
end

function request()
  counter = counter + 1
  local click = "IwAR" .. tid .. "x" .. counter
  if control then
    return wrk.format(nil, wrk.path, {["X-Click"] = click})
  end
  return wrk.format(nil, wrk.path .. "?fbclid=" .. click)
end
