-- wrk script: the update workload (see common.lua).
workload = "update"
dofile((os.getenv("BENCH_LUA_DIR") or ".") .. "/common.lua")
