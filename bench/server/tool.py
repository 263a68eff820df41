#!/usr/bin/python3
"""Helpers for bench/server/run.sh, on the Python standard library only.

  tool.py start LOG PROBE_PATH CMD... start CMD ('{port}' replaced by a free
                                     loopback port); print "PID PORT MS", MS
                                     being exec to first HTTP answer
  tool.py create-table PORT          the seed's `purchase` table, then wait
                                     until it is ACTIVE
  tool.py preload PORT ORDERS USERS PRODUCTS
                                     BatchWriteItem of 25, several connections
  tool.py probe PORT ORDERS USERS     one GetItem, UpdateItem and Query,
                                     printed, the Query's count checked
  tool.py report RESULTS META        the final table

The id scheme of the preload must match common.lua.
"""
import http.client
import json
import socket
import subprocess
import sys
import threading
import time

CREATED0 = 1428791681
STATUSES = (101, 201, 301)
PRELOAD_LIMIT_S = 120
HEADERS = {
    "Content-Type": "application/x-amz-json-1.0",
    "X-Amz-Date": "20150412T124500Z",
    # Not checked by either server; dynalite wants one present (common.lua).
    "Authorization": "AWS4-HMAC-SHA256 Credential=bench/20150412/us-east-1/dynamodb/aws4_request, "
                     "SignedHeaders=host;x-amz-date;x-amz-target, Signature=0",
}


def order_id(n):
    return "00000000-0000-4000-8000-%012d" % n


def user_id(u):
    return "10000000-0000-4000-8000-%012d" % u


def product_id(p):
    return "20000000-0000-4000-8000-%012d" % p


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(log, probe_path, cmd):
    port = free_port()
    cmd = [c.replace("{port}", str(port)) for c in cmd]
    request = ("GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n" % probe_path).encode()
    with open(log, "wb") as out:
        t0 = time.monotonic()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    deadline = t0 + 30
    while True:
        if proc.poll() is not None:
            sys.exit("tool.py start: %s exited with %d before answering (log: %s)" % (cmd[0], proc.returncode, log))
        if time.monotonic() > deadline:
            proc.kill()
            sys.exit("tool.py start: %s did not answer within 30 s (log: %s)" % (cmd[0], log))
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
                s.sendall(request)
                data = s.recv(65536)
                if data.startswith(b"HTTP/1."):
                    elapsed = time.monotonic() - t0
                    break
        except OSError:
            pass
        time.sleep(0.0005)
    print(proc.pid, port, "%.1f" % (elapsed * 1000))


def call(conn, op, body):
    headers = dict(HEADERS)
    headers["X-Amz-Target"] = "DynamoDB_20120810." + op
    conn.request("POST", "/", body=json.dumps(body), headers=headers)
    res = conn.getresponse()
    data = res.read()
    if res.status != 200:
        raise RuntimeError("%s: HTTP %d: %s" % (op, res.status, data[:500].decode(errors="replace")))
    return json.loads(data)


def create_table(port):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    throughput = {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}

    def gsi(name, hash_key):
        return {
            "IndexName": name,
            "KeySchema": [{"AttributeName": hash_key, "KeyType": "HASH"},
                          {"AttributeName": "order_status_created", "KeyType": "RANGE"}],
            "Projection": {"ProjectionType": "ALL"},
            "ProvisionedThroughput": throughput,
        }

    request = {
        "TableName": "purchase",
        "KeySchema": [{"AttributeName": "order_id", "KeyType": "HASH"}],
        "AttributeDefinitions": [{"AttributeName": a, "AttributeType": "S"}
                                 for a in ("order_id", "user_id", "product_id", "order_status_created")],
        "ProvisionedThroughput": throughput,
        "GlobalSecondaryIndexes": [gsi("for_user_id", "user_id"), gsi("for_product_id", "product_id")],
    }
    try:
        call(conn, "CreateTable", request)
    except RuntimeError as e:
        # `ordertrack serve` creates the orders REST API's table, which is
        # the seed's, at start: use it if it is the same table.
        if "ResourceInUseException" not in str(e):
            raise
        table = call(conn, "DescribeTable", {"TableName": "purchase"})["Table"]

        def shape(t):
            return (sorted((k["AttributeName"], k["KeyType"]) for k in t["KeySchema"]),
                    sorted((i["IndexName"], tuple((k["AttributeName"], k["KeyType"]) for k in i["KeySchema"]),
                            i["Projection"]["ProjectionType"]) for i in t.get("GlobalSecondaryIndexes", [])))

        if shape(table) != shape(request):
            sys.exit("tool.py create-table: a different table `purchase` exists: %s" % json.dumps(table))
        print("the server already has the seed's table `purchase` (%d items): used as it is"
              % table.get("ItemCount", 0))
    deadline = time.monotonic() + 30
    while True:
        table = call(conn, "DescribeTable", {"TableName": "purchase"})["Table"]
        indexes = table.get("GlobalSecondaryIndexes", [])
        if table["TableStatus"] == "ACTIVE" and all(i.get("IndexStatus", "ACTIVE") == "ACTIVE" for i in indexes):
            return
        if time.monotonic() > deadline:
            sys.exit("tool.py create-table: the table is not ACTIVE after 30 s")
        time.sleep(0.05)


def order_item(n, users, products):
    status = STATUSES[n % 3]
    created = CREATED0 + n
    return {
        "order_id": {"S": order_id(n)},
        "user_id": {"S": user_id(n % users)},
        "product_id": {"S": product_id((n * 7919) % products)},
        "created": {"N": str(created)},
        "order_status": {"N": str(status)},
        "order_status_created": {"S": "%d_%d" % (status, created)},
    }


def preload(port, orders, users, products, connections=6):
    batches = [(start, min(start + 25, orders)) for start in range(0, orders, 25)]
    lock = threading.Lock()
    failures = []
    t0 = time.monotonic()

    def worker():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while True:
            with lock:
                if not batches or failures:
                    return
                lo, hi = batches.pop()
            requests = {"purchase": [{"PutRequest": {"Item": order_item(n, users, products)}}
                                     for n in range(lo, hi)]}
            try:
                for attempt in range(100):
                    out = call(conn, "BatchWriteItem", {"RequestItems": requests})
                    requests = out.get("UnprocessedItems") or {}
                    if not requests:
                        break
                    time.sleep(0.001 * (attempt + 1))
                else:
                    raise RuntimeError("items still unprocessed after 100 tries")
                if time.monotonic() - t0 > PRELOAD_LIMIT_S:
                    raise RuntimeError("preload over its %d s limit" % PRELOAD_LIMIT_S)
            except Exception as e:  # noqa: BLE001 - reported below
                with lock:
                    failures.append(str(e))
                return

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if failures:
        sys.exit("tool.py preload: " + failures[0])
    print("%.2f" % (time.monotonic() - t0))


def probe(port, orders, users):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    got = call(conn, "GetItem", {"TableName": "purchase", "Key": {"order_id": {"S": order_id(7)}}})
    print("GetItem:", json.dumps(got, sort_keys=True))
    n = 3
    status = STATUSES[n % 3]
    upd = call(conn, "UpdateItem", {
        "TableName": "purchase", "Key": {"order_id": {"S": order_id(n)}},
        "UpdateExpression": "SET order_status = :s, order_status_created = :sc",
        "ConditionExpression": "order_status = :old",
        "ExpressionAttributeValues": {":s": {"N": str(status)}, ":sc": {"S": "%d_%d" % (status, CREATED0 + n)},
                                      ":old": {"N": str(status)}},
        "ReturnValues": "ALL_NEW"})
    print("UpdateItem:", json.dumps(upd, sort_keys=True))
    q = call(conn, "Query", {
        "TableName": "purchase", "IndexName": "for_user_id",
        "KeyConditions": {
            "user_id": {"AttributeValueList": [{"S": user_id(1)}], "ComparisonOperator": "EQ"},
            "order_status_created": {"AttributeValueList": [{"S": "100_0"}, {"S": "202_0"}],
                                     "ComparisonOperator": "BETWEEN"}},
        "Limit": 10})
    print("Query: Count=%d, LastEvaluatedKey=%s" % (q["Count"], json.dumps(q.get("LastEvaluatedKey"))))
    expected = min(10, sum(1 for n in range(1, orders, users) if STATUSES[n % 3] in (101, 201)))
    if q["Count"] != expected:
        sys.exit("tool.py probe: the user query returned %d items, expected %d" % (q["Count"], expected))


def report(results_path, meta_path):
    results = {}
    with open(results_path) as f:
        for line in f:
            r = line.split()
            if not r:
                continue
            row = dict(kv.split("=", 1) for kv in r)
            key = (row["server"], row["workload"], int(row["conns"]))
            if key in results:  # the static ceiling, measured twice
                runs = results[key].get("runs", [results[key]]) + [row]
                row = dict(max(runs, key=lambda x: float(x["rps"])))
                row["runs"] = runs
            results[key] = row
    meta = {}
    notes = []
    with open(meta_path) as f:
        for line in f:
            if "=" in line:
                k, v = line.rstrip("\n").split("=", 1)
                if k == "notes":
                    notes.append(v)
                else:
                    meta[k] = v

    def f(row, key, fmt):
        if row is None or key not in row:
            return "-"
        return fmt % float(row[key])

    print("Server benchmark: %s orders preloaded, %s s per run, wrk %s" %
          (meta.get("orders"), meta.get("duration"), meta.get("wrk", "")))
    print("rps = requests/s; p50/p99 in ms; cpu = server CPU microseconds per request;")
    print("x dyn = ordertrack rps / dynalite rps; ceil = ordertrack rps / static-answer rps at the same connections")
    print()
    head = "%-8s %3s | %8s %6s %6s %6s | %8s %6s %6s %6s | %6s %5s" % (
        "workload", "c", "ot rps", "p50", "p99", "cpu", "dyn rps", "p50", "p99", "cpu", "x dyn", "ceil")
    print(head)
    print("-" * len(head))
    for w in ("put", "get", "update", "query", "mixed", "static"):
        for c in (1, 32):
            if w == "static":
                ot = results.get(("static", "static", c))
                dyn = None
            else:
                ot = results.get(("ordertrack", w, c))
                dyn = results.get(("dynalite", w, c))
            if ot is None and dyn is None:
                continue
            st = results.get(("static", "static", c))
            ratio = "-"
            if ot and dyn and float(dyn["rps"]) > 0:
                ratio = "%.1f" % (float(ot["rps"]) / float(dyn["rps"]))
            share = "-"
            if ot and st and w != "static" and float(st["rps"]) > 0:
                share = "%.0f%%" % (100 * float(ot["rps"]) / float(st["rps"]))
            print("%-8s %3d | %8s %6s %6s %6s | %8s %6s %6s %6s | %6s %5s" % (
                w, c,
                f(ot, "rps", "%.0f"), f(ot, "p50_ms", "%.2f"), f(ot, "p99_ms", "%.2f"), f(ot, "cpu_us", "%.0f"),
                f(dyn, "rps", "%.0f"), f(dyn, "p50_ms", "%.2f"), f(dyn, "p99_ms", "%.2f"), f(dyn, "cpu_us", "%.0f"),
                ratio, share))
    print()
    print("%-30s %12s %12s" % ("", "ordertrack", "dynalite"))
    for key, label in (("startup_ms", "start to first answer (ms)"),
                       ("rss_idle_mb", "RSS idle (MB)"),
                       ("rss_loaded_mb", "RSS after preload (MB)"),
                       ("preload_s", "preload time (s)"),
                       ("rss_end_mb", "RSS at the end (MB)")):
        print("%-30s %12s %12s" % (label, meta.get("ordertrack_" + key, "-"), meta.get("dynalite_" + key, "-")))
    goals(results, meta)
    print()
    print("Load generator and machine, per run (cores busy, of 2): server, wrk, everything else")
    print("(everything else = other processes plus the kernel's loopback work not charged to either)")
    for key in sorted(results):
        for r in results[key].get("runs", [results[key]]):
            print("  %-10s %-7s c=%-3s server %4s  wrk %4s  else %4s  non-2xx %s  socket errors %s  timeouts %s" % (
                key[0], key[1], key[2], r.get("server_cores", "-"), r.get("wrk_cores", "-"),
                r.get("other_cores", "-"), r.get("non2xx", "-"), r.get("sock_errors", "-"), r.get("timeouts", "-")))
    for key in sorted(results):
        runs = results[key].get("runs")
        if runs:
            print("  %s c=%d: %s rps; the table takes the best" % (
                key[1], key[2], " and ".join("%.0f" % float(x["rps"]) for x in runs)))
    for k in ("busy_before", "loadavg_before", "loadavg_after", "static_startup_ms", "static_rss_mb"):
        if k in meta:
            print("%s: %s" % (k, meta[k]))
    for n in notes:
        print("note: " + n)


def goals(results, meta):
    """Issue 4's goals for this 2-core machine, each with what was measured."""
    lines = []
    st = results.get(("static", "static", 32))

    def share(w, need):
        ot = results.get(("ordertrack", w, 32))
        if ot and st:
            got = 100 * float(ot["rps"]) / float(st["rps"])
            lines.append(("%s at 32 connections >= %d%% of the static ceiling" % (w, need), "%.0f%%" % got, got >= need))

    share("put", 50)
    share("get", 50)
    share("query", 40)
    for w in ("put", "get", "update", "query", "mixed"):
        ot = results.get(("ordertrack", w, 32))
        if ot:
            got = float(ot["p99_ms"])
            lines.append(("%s p99 at 32 connections < 2 ms" % w, "%.2f ms" % got, got < 2))
    if "ordertrack_startup_ms" in meta:
        got = float(meta["ordertrack_startup_ms"])
        lines.append(("start to first answer < 20 ms", "%.1f ms" % got, got < 20))
    if "ordertrack_rss_idle_mb" in meta:
        got = float(meta["ordertrack_rss_idle_mb"])
        lines.append(("idle memory < 20 MB", "%.1f MB" % got, got < 20))
    if lines:
        print()
        print("Goals (issue 4):")
        for what, got, ok in lines:
            print("  %-55s %10s  %s" % (what, got, "met" if ok else "NOT met"))


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    cmd = argv[1]
    if cmd == "start" and len(argv) >= 5:
        start(argv[2], argv[3], argv[4:])
    elif cmd == "create-table" and len(argv) == 3:
        create_table(int(argv[2]))
    elif cmd == "preload" and len(argv) == 6:
        preload(int(argv[2]), int(argv[3]), int(argv[4]), int(argv[5]))
    elif cmd == "probe" and len(argv) == 5:
        probe(int(argv[2]), int(argv[3]), int(argv[4]))
    elif cmd == "report" and len(argv) == 4:
        report(argv[2], argv[3])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
