-- wrk script: the get workload (see common.lua).
workload = "get"
dofile((os.getenv("BENCH_LUA_DIR") or ".") .. "/common.lua")
