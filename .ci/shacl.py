#!/usr/bin/env python3
"""Validates a newsgraph N-Quads export against the SHACL shapes.

Usage: shacl.py DATA.nq SHAPES.ttl ONTOLOGY.ttl [--inference none|rdfs|both]

The export is a dataset (one named graph per article, one for the entities,
one for the ontology); pySHACL validates a single graph, so the quads of
every named graph are loaded into one rdflib Graph (their union) first.
The ontology is passed as pySHACL's ont_graph, which mixes it into the data
graph so that sh:class and sh:targetClass see its rdfs:subClassOf axioms.

The shapes must hold both without inference (what newsgraph writes) and
with RDFS inference (what a reasoner-backed store such as GraphDB shows:
rdfs:subClassOf adds superclasses, rdfs:domain and rdfs:range add types), so
by default the data is validated twice, with pySHACL's inference "none" and
"rdfs"; `--inference none` or `--inference rdfs` runs one.

Prints the validation report of each run; exits 0 when the data conforms in
every run, 1 when it does not, 2 on a usage or input error. Needs rdflib and pyshacl (.ci/setup
installs both into .venv-test).
"""

import sys

import rdflib
from rdflib import Graph

try:
    import pyshacl
except ImportError:  # pragma: no cover - environment problem
    sys.stderr.write("shacl.py: pyshacl is not installed; run .ci/setup and use .venv-test/bin/python\n")
    sys.exit(2)

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")


def load_union(path):
    """Every quad of the N-Quads file, in one graph (graph names dropped)."""
    dataset = rdflib.Dataset()
    dataset.parse(path, format="nquads")
    union = Graph()
    quads = 0
    for subject, predicate, obj, _graph in dataset.quads((None, None, None, None)):
        union.add((subject, predicate, obj))
        quads += 1
    return union, quads


def focus_nodes(shapes, data):
    """Focus nodes of each node shape with targets, by the SHACL target rules
    (class targets follow rdfs:subClassOf in `data`), so that the report
    shows that every shape actually checked something."""
    counts = {}
    for shape in sorted(set(shapes.subjects(rdflib.RDF.type, SH.NodeShape))):
        nodes = set(shapes.objects(shape, SH.targetNode))
        for cls in shapes.objects(shape, SH.targetClass):
            classes = set(data.transitive_subjects(rdflib.RDFS.subClassOf, cls))
            for each in classes:
                nodes.update(data.subjects(rdflib.RDF.type, each))
        for predicate in shapes.objects(shape, SH.targetSubjectsOf):
            nodes.update(data.subjects(predicate, None))
        for predicate in shapes.objects(shape, SH.targetObjectsOf):
            nodes.update(data.objects(None, predicate))
        has_targets = any(
            (shape, target, None) in shapes
            for target in (SH.targetNode, SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf)
        )
        if has_targets:
            counts[shape.n3(shapes.namespace_manager)] = len(nodes)
    return counts


USAGE = "usage: shacl.py DATA.nq SHAPES.ttl ONTOLOGY.ttl [--inference none|rdfs|both]\n"


def main(argv):
    arguments = argv[1:]
    modes = ["none", "rdfs"]
    if len(arguments) == 5 and arguments[3] == "--inference" and arguments[4] in ("none", "rdfs", "both"):
        modes = modes if arguments[4] == "both" else [arguments[4]]
        arguments = arguments[:3]
    if len(arguments) != 3:
        sys.stderr.write(USAGE)
        return 2
    data_path, shapes_path, ontology_path = arguments
    try:
        data, quads = load_union(data_path)
        shapes = Graph().parse(shapes_path, format="turtle")
        ontology = Graph().parse(ontology_path, format="turtle")
    except Exception as error:  # rdflib raises many kinds of parse errors
        sys.stderr.write(f"shacl.py: cannot load input: {error}\n")
        return 2
    if quads == 0:
        sys.stderr.write(f"shacl.py: {data_path} holds no quads\n")
        return 2

    worst = 0
    for mode in modes:
        worst = max(worst, validate(data, quads, shapes, ontology, mode))
    return worst


def validate(data, quads, shapes, ontology, mode):
    """One pySHACL run with inference `mode`; 0 conforms, 1 not, 2 could not run."""
    print(f"shacl.py: inference {mode}")
    conforms, report_graph, report_text = pyshacl.validate(
        data,
        shacl_graph=shapes,
        ont_graph=ontology,
        inference=mode,
        advanced=True,
        abort_on_first=False,
        allow_warnings=False,
        meta_shacl=False,
    )
    print(report_text.rstrip())
    if not isinstance(report_graph, Graph):
        # pySHACL reports a problem with the shapes themselves this way.
        sys.stderr.write(f"shacl.py: validation could not run: {report_graph}\n")
        return 2

    counts = focus_nodes(shapes, data + ontology)
    print(
        "shacl.py: focus nodes per shape: "
        + ", ".join(f"{shape} {count}" for shape, count in counts.items())
    )
    results = list(report_graph.subjects(rdflib.RDF.type, SH.ValidationResult))
    failing = {report_graph.value(result, SH.focusNode) for result in results}
    print(
        f"shacl.py: inference {mode}: {quads} quads, {len(data)} triples in the union, "
        f"{sum(counts.values())} focus nodes in {len(counts)} shapes; "
        + ("conforms" if conforms else f"{len(results)} violation(s) on {len(failing)} focus node(s)")
    )
    return 0 if conforms else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
