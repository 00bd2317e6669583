#!/usr/bin/env python3
"""Load test of `newsgraph serve`, loopback only, bounded in time.

For each client count it runs the built-in presets (from the server's
/presets) in a loop from that many threads for DURATION seconds, while one
more client sends a pathological query (a triple cross product the
server's --timeout cancels) over and over, and reports throughput and
p50/p99 latency of the presets, with how many answers were not 200.

    bench/load.py http://127.0.0.1:7878 [--clients 1 8 32] [--duration 20]

Standard library only. Start the server first, for example on a store
built from bench/race.sh's generated corpus:

    python3 ../shared/bench/make_corpus.py --docs 10000 --jsonl /tmp/c.jsonl
    newsgraph build /tmp/c.jsonl --store /tmp/load.db -q
    newsgraph serve --store /tmp/load.db --timeout 10 --quiet &
    bench/load.py http://127.0.0.1:7878
"""

import argparse
import json
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

PATHOLOGICAL = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def ask(base, sparql, timeout):
    """Sends one query; its status (0 when the connection failed) and seconds."""
    url = base + "/query?" + urllib.parse.urlencode({"query": sparql, "format": "csv"})
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        error.read()
        status = error.code
    except OSError:
        status = 0
    return status, time.monotonic() - started


def percentile(sorted_values, fraction):
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, int(fraction * len(sorted_values)))
    return sorted_values[index]


def run(base, presets, clients, duration, timeout):
    stop = time.monotonic() + duration
    latencies, failures, pathological = [], [], []
    lock = threading.Lock()

    def client(offset):
        turn = offset
        while time.monotonic() < stop:
            status, seconds = ask(base, presets[turn % len(presets)], timeout)
            turn += 1
            with lock:
                latencies.append(seconds)
                if status != 200:
                    failures.append(status)

    def heavy():
        while time.monotonic() < stop:
            pathological.append(ask(base, PATHOLOGICAL, timeout))

    heavy_thread = threading.Thread(target=heavy)
    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    started = time.monotonic()
    heavy_thread.start()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # The rate of the presets: until the last preset client ended, not the
    # pathological client's last answer.
    elapsed = time.monotonic() - started
    heavy_thread.join()
    latencies.sort()
    statuses = {}
    for status in failures:
        statuses[status] = statuses.get(status, 0) + 1
    return {
        "clients": clients,
        "queries": len(latencies),
        "per_second": len(latencies) / elapsed,
        "p50_ms": 1000 * percentile(latencies, 0.50),
        "p99_ms": 1000 * percentile(latencies, 0.99),
        "not_200": statuses,
        "pathological": sorted({status for status, _ in pathological}),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base", help="the server, e.g. http://127.0.0.1:7878")
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 8, 32])
    parser.add_argument("--duration", type=float, default=20.0, help="seconds per client count")
    parser.add_argument("--timeout", type=float, default=120.0, help="a client gives up after this")
    args = parser.parse_args()
    host = urllib.parse.urlparse(args.base).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        sys.exit(f"load.py loads loopback servers only, not {host}")
    with urllib.request.urlopen(args.base + "/presets", timeout=30) as response:
        presets = [preset["sparql"] for preset in json.load(response)]
    print("| clients | preset queries | per second | p50 ms | p99 ms | not 200 | pathological query answers |")
    print("| ---: | ---: | ---: | ---: | ---: | --- | --- |")
    for clients in args.clients:
        row = run(args.base, presets, clients, args.duration, args.timeout)
        not_200 = ", ".join(f"{n} x {s}" for s, n in sorted(row["not_200"].items())) or "none"
        print(
            f"| {row['clients']} | {row['queries']} | {row['per_second']:.1f} | "
            f"{row['p50_ms']:.0f} | {row['p99_ms']:.0f} | {not_200} | {row['pathological']} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
