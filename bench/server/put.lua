-- wrk script: the put workload (see common.lua).
workload = "put"
dofile((os.getenv("BENCH_LUA_DIR") or ".") .. "/common.lua")
