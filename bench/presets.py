#!/usr/bin/env python3
"""Each preset on a store, newsgraph beside pyoxigraph running the same SPARQL.

    bench/presets.py STORE [--runs 5] [--newsgraph target/release/newsgraph]

For each preset (as the server's /presets lists them), the median of RUNS
wall-clock runs of `newsgraph query --store STORE --preset NAME --read-only
--format csv` (a process each time: opening the store is part of what a
user waits for), and the median of RUNS evaluations of the same SPARQL by
pyoxigraph on the same store opened read-only once (union default graph,
the presets' prefixes), with the row count of each. Prints a markdown
table. Needs pyoxigraph 0.5 (../shared/bench/requirements.txt).
"""

import argparse
import statistics
import subprocess
import time

from pyoxigraph import Store

PREFIXES = {
    "ng": "https://w3id.org/newsgraph/ontology#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "http://schema.org/",
    "nif": "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    "wd": "http://www.wikidata.org/entity/",
    "dbr": "http://dbpedia.org/resource/",
}


def median_seconds(run, runs):
    times = []
    result = None
    for _ in range(runs):
        started = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--newsgraph", default="target/release/newsgraph")
    args = parser.parse_args()
    import json
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [args.newsgraph, "serve", "--store", args.store, "--bind", f"127.0.0.1:{port}", "--quiet"],
        stdout=subprocess.DEVNULL,
    )
    try:
        import urllib.request

        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/presets", timeout=5) as answer:
                    listed = json.load(answer)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
    finally:
        server.terminate()
        server.wait()

    store = Store.read_only(args.store)
    prologue = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
    print(f"| preset | newsgraph query s (median of {args.runs}) | rows | pyoxigraph s | rows |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for preset in listed:
        name, sparql = preset["name"], preset["sparql"]

        def ours():
            out = subprocess.run(
                [args.newsgraph, "query", "--store", args.store, "--read-only",
                 "--preset", name, "--format", "csv"],
                check=True, capture_output=True,
            ).stdout
            return out.count(b"\n") - 1

        def theirs():
            results = store.query(prologue + sparql, use_default_graph_as_union=True)
            return sum(1 for _ in results)

        our_s, our_rows = median_seconds(ours, args.runs)
        their_s, their_rows = median_seconds(theirs, args.runs)
        print(f"| {name} | {our_s:.3f} | {our_rows} | {their_s:.3f} | {their_rows} |", flush=True)


if __name__ == "__main__":
    main()
