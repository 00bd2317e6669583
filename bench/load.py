#!/usr/bin/env python3
"""Load test of `newsgraph serve`, loopback only, bounded in time.

For each client count it runs the built-in presets (from the server's
/presets) in a loop from that many threads for DURATION seconds, while one
more client sends a pathological query (a triple cross product the
server's --timeout cancels) over and over, and reports throughput and
p50/p99 latency of the presets, with how many answers were not 200.

    bench/load.py http://127.0.0.1:7878 [--clients 1 8 32] [--duration 20]
        [--push-from STORE --newsgraph BINARY]

With --push-from, one more client is a writer: it pushes STORE (built from
other versions of some of the served articles, so each PUT replaces an
article graph) through the server's Graph Store endpoint with `newsgraph
push --all`, over and over (the server needs --allow-update), while a
checker asks the server for the size of twenty of those graphs: a size that
is neither the old one nor the new one is a half-visible graph. After each
client count the server's summary is checked against its article graphs.

Standard library only. Start the server first, for example on a store
built from bench/race.sh's generated corpus:

    python3 ../shared/bench/make_corpus.py --docs 10000 --jsonl /tmp/c.jsonl
    newsgraph build /tmp/c.jsonl --store /tmp/load.db -q
    newsgraph serve --store /tmp/load.db --timeout 10 --quiet &
    bench/load.py http://127.0.0.1:7878
"""

import argparse
import csv
import io
import json
import subprocess
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


def select(base, sparql, timeout=120):
    """The rows of a SELECT (CSV, header dropped), or None when not 200."""
    url = base + "/query?" + urllib.parse.urlencode({"query": sparql, "format": "csv"})
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            text = response.read().decode("utf-8")
    except (urllib.error.HTTPError, OSError):
        return None
    return [tuple(row) for row in csv.reader(io.StringIO(text))][1:]


PREFIXES = "PREFIX ng: <https://w3id.org/newsgraph/ontology#> PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> "

SIZES = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } VALUES ?g { %s } } GROUP BY ?g"

# The summary as the article graphs say it, and as the summary graph holds
# it (tests/it/summary.rs asks the same).
FROM_ARTICLES = PREFIXES + """SELECT ?s ?p ?o ?n ?i WHERE {
  { SELECT ?s ?p ?o (COUNT(DISTINCT ?article) AS ?n) WHERE {
      GRAPH ?article { ?s ?p ?o . ?article a ng:NewsArticle }
      VALUES ?p { ng:mediates ng:accuses ng:demands ng:rejects } } GROUP BY ?s ?p ?o }
  OPTIONAL { SELECT ?s ?p ?o (COUNT(DISTINCT ?r) AS ?counted) WHERE {
      GRAPH ?article { ?s ?p ?o . ?article a ng:NewsArticle .
        ?r rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; ng:modality ng:Asserted }
      VALUES ?p { ng:mediates ng:accuses ng:demands ng:rejects } } GROUP BY ?s ?p ?o }
  BIND(COALESCE(?counted, 0) AS ?i)
} ORDER BY ?s ?p ?o"""

FROM_SUMMARY = PREFIXES + """SELECT ?s ?p ?o ?n ?i WHERE {
  ?e a ng:EdgeSummary ; ng:source ?s ; ng:relation ?p ; ng:target ?o ;
     ng:articleCount ?n ; ng:instanceCount ?i .
} ORDER BY ?s ?p ?o"""


class Writer:
    """Pushes a store through the server's Graph Store endpoint in a loop,
    and checks that graphs it replaces are never seen half-written."""

    def __init__(self, base, binary, store):
        self.base, self.binary, self.store = base, binary, store
        local = subprocess.run(
            [binary, "query", "--store", store, "--read-only", "--format", "csv",
             "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
             "FILTER(CONTAINS(STR(?g), '/doc/')) } GROUP BY ?g ORDER BY ?g LIMIT 20"],
            check=True, capture_output=True, text=True).stdout
        self.new = {g: n for g, n in list(csv.reader(io.StringIO(local)))[1:]}
        self.values = " ".join(f"<{g}>" for g in self.new)
        served = select(base, SIZES % self.values) or []
        self.old = {g: n for g, n in served}

    def run(self, stop, report):
        """Until `stop`: pushes (count, seconds, failures) and checks."""
        pushes, failures, seconds = 0, [], 0.0
        halves, checks = [], 0

        def check():
            nonlocal checks
            while time.monotonic() < stop:
                rows = select(self.base, SIZES % self.values)
                if rows is None:
                    continue
                checks += 1
                for graph, size in rows:
                    if size not in (self.old.get(graph), self.new[graph]):
                        halves.append((graph, size))

        checker = threading.Thread(target=check)
        checker.start()
        while time.monotonic() < stop:
            started = time.monotonic()
            done = subprocess.run(
                [self.binary, "push", "--store", self.store, "--read-only",
                 "--endpoint", self.base + "/store", "--all", "--attempts", "1"],
                capture_output=True, text=True)
            seconds += time.monotonic() - started
            pushes += 1
            if done.returncode != 0:
                failures.append(done.stderr.strip().splitlines()[-1:])
        checker.join()
        report.update(pushes=pushes, push_seconds=seconds, push_failures=failures,
                      half_visible=halves, checks=checks)


def percentile(sorted_values, fraction):
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, int(fraction * len(sorted_values)))
    return sorted_values[index]


def run(base, presets, clients, duration, timeout, writer=None):
    stop = time.monotonic() + duration
    written = {}
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
    if writer is not None:
        threads.append(threading.Thread(target=writer.run, args=(stop, written)))
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
    if writer is not None:
        # Every push done: the server's summary against its article graphs.
        # Asked once the load is over (the count over every article graph
        # is a heavy query); "unanswered" if the server never answered it.
        written["summary_exact"] = "unanswered"
        for _ in range(6):
            counted, summary = select(base, FROM_ARTICLES), select(base, FROM_SUMMARY)
            if counted is not None and summary is not None:
                written["summary_exact"] = counted == summary
                break
            time.sleep(5)
    return {
        "written": written,
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
    parser.add_argument("--push-from", metavar="STORE", help="a writer pushes this store meanwhile")
    parser.add_argument("--newsgraph", default="newsgraph", help="the binary the writer runs")
    args = parser.parse_args()
    host = urllib.parse.urlparse(args.base).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        sys.exit(f"load.py loads loopback servers only, not {host}")
    with urllib.request.urlopen(args.base + "/presets", timeout=30) as response:
        presets = [preset["sparql"] for preset in json.load(response)]
    print("| clients | preset queries | per second | p50 ms | p99 ms | not 200 | pathological query answers |")
    print("| ---: | ---: | ---: | ---: | ---: | --- | --- |")
    writer = Writer(args.base, args.newsgraph, args.push_from) if args.push_from else None
    for clients in args.clients:
        row = run(args.base, presets, clients, args.duration, args.timeout, writer)
        not_200 = ", ".join(f"{n} x {s}" for s, n in sorted(row["not_200"].items())) or "none"
        print(
            f"| {row['clients']} | {row['queries']} | {row['per_second']:.1f} | "
            f"{row['p50_ms']:.0f} | {row['p99_ms']:.0f} | {not_200} | {row['pathological']} |",
            flush=True,
        )
        if row["written"]:
            w = row["written"]
            print(
                f"  writer: {w['pushes']} pushes begun ({len(w['push_failures'])} refused or failed) in "
                f"{w['push_seconds']:.1f} s, last failure {w['push_failures'][-1:]}; {w['checks']} checks of "
                f"{len(writer.new)} graphs, half-visible: "
                f"{w['half_visible'] or 'none'}; summary exact afterwards: {w['summary_exact']}",
                flush=True,
            )


if __name__ == "__main__":
    main()
