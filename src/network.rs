//! The actor network as a picture: one node per actor, one edge per
//! relation kind between two actors weighted by the number of articles that
//! state it; as Graphviz DOT, or as SVG laid out here (no Graphviz needed).
//!
//! It reads the store with SPARQL and returns text; it does not print.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use oxigraph::sparql::QueryResults;

use crate::date::Day;
use crate::query::{QueryError, term_text};
use crate::rules::Predicate;
use crate::store::GraphStore;

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub iri: String,
    pub label: String,
    /// The ontology class's local name: Country, Government, ArmedGroup, ...
    pub kind: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    pub source: usize,
    pub target: usize,
    pub relation: Predicate,
    pub articles: usize,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Network {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
}

/// The network of asserted relations in the store, of the given kinds (all
/// when empty), from articles dated on or after `since` (all when `None`).
pub fn from_store(
    store: &GraphStore,
    relations: &[Predicate],
    since: Option<&Day>,
) -> Result<Network, QueryError> {
    let kinds: Vec<Predicate> = if relations.is_empty() {
        Predicate::ALL.to_vec()
    } else {
        relations.to_vec()
    };
    let values: Vec<String> = kinds.iter().map(|p| format!("ng:{}", p.name())).collect();
    // The whole network is read off the summary graph; from a date on, the
    // articles are counted again (a `Day` is digits and dashes only, so it
    // goes into the query text as is).
    let (edges_pattern, count, group) = match since {
        Some(day) => (
            format!(
                "GRAPH ?article {{ ?s ?p ?o . ?article a ng:NewsArticle }}
           ?article dcterms:date ?date . FILTER(?date >= \"{day}\"^^xsd:date)"
            ),
            "(COUNT(DISTINCT ?article) AS ?n)",
            "GROUP BY ?s ?p ?o ?sl ?ol ?sk ?ok",
        ),
        None => (
            "?edge ng:relation ?p ; ng:source ?s ; ng:target ?o ; ng:articleCount ?n .".to_owned(),
            "?n",
            "",
        ),
    };
    let query = format!(
        "SELECT ?s ?p ?o {count} ?sl ?ol ?sk ?ok WHERE {{
           {edges_pattern}
           VALUES ?p {{ {} }}
           OPTIONAL {{ ?s rdfs:label ?sl }} OPTIONAL {{ ?o rdfs:label ?ol }}
           OPTIONAL {{ ?s a ?sk FILTER(STRSTARTS(STR(?sk), STR(ng:))) }}
           OPTIONAL {{ ?o a ?ok FILTER(STRSTARTS(STR(?ok), STR(ng:))) }}
         }} {group} ORDER BY ?s ?p ?o",
        values.join(" "),
    );
    let prepared = crate::query::prepare(&query, &oxigraph::sparql::CancellationToken::new())?;
    let mut network = Network::default();
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    let mut edges: BTreeMap<(usize, usize, Predicate), usize> = BTreeMap::new();
    if let QueryResults::Solutions(solutions) = store.query(prepared)? {
        for solution in solutions {
            let solution = solution?;
            let mut node = |iri: String, label: String, kind: String| -> usize {
                *index.entry(iri.clone()).or_insert_with(|| {
                    let label = if label.is_empty() {
                        iri.rsplit('/').next().unwrap_or(&iri).to_owned()
                    } else {
                        label
                    };
                    let kind = kind.rsplit('#').next().unwrap_or("").to_owned();
                    network.nodes.push(Node { iri, label, kind });
                    network.nodes.len() - 1
                })
            };
            let source = node(
                term_text(solution.get("s")),
                term_text(solution.get("sl")),
                term_text(solution.get("sk")),
            );
            let target = node(
                term_text(solution.get("o")),
                term_text(solution.get("ol")),
                term_text(solution.get("ok")),
            );
            let predicate = term_text(solution.get("p"));
            let Some(relation) = Predicate::parse(predicate.rsplit('#').next().unwrap_or(""))
            else {
                continue;
            };
            let articles: usize = term_text(solution.get("n")).parse().unwrap_or(0);
            let weight = edges.entry((source, target, relation)).or_default();
            *weight = (*weight).max(articles);
        }
    }
    network.edges = edges
        .into_iter()
        .map(|((source, target, relation), articles)| Edge {
            source,
            target,
            relation,
            articles,
        })
        .collect();
    Ok(network)
}

fn relation_colour(relation: Predicate) -> &'static str {
    match relation {
        Predicate::Mediates => "#2a9d8f",
        Predicate::Accuses => "#d62828",
        Predicate::Demands => "#f77f00",
        Predicate::Rejects => "#6a4c93",
    }
}

fn kind_colour(kind: &str) -> &'static str {
    match kind {
        "Country" => "#457b9d",
        "Government" => "#1d3557",
        "ArmedGroup" => "#9d0208",
        "Person" => "#588157",
        "Organization" => "#b5838d",
        _ => "#6c757d",
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The network in Graphviz DOT.
pub fn to_dot(network: &Network) -> String {
    let mut out = String::from(
        "digraph newsgraph {\n  graph [overlap=false, splines=true];\n  node [style=filled, fontcolor=white, fontname=\"Helvetica\"];\n",
    );
    for (index, node) in network.nodes.iter().enumerate() {
        let shape = match node.kind.as_str() {
            "Person" => "ellipse",
            "ArmedGroup" => "diamond",
            "Organization" => "hexagon",
            _ => "box",
        };
        let _ = writeln!(
            out,
            "  n{index} [label=\"{}\", shape={shape}, fillcolor=\"{}\"];",
            node.label.replace('"', "\\\""),
            kind_colour(&node.kind)
        );
    }
    for edge in &network.edges {
        let _ = writeln!(
            out,
            "  n{} -> n{} [label=\"{} ({})\", color=\"{}\", fontcolor=\"{}\", penwidth={:.1}];",
            edge.source,
            edge.target,
            edge.relation.name(),
            edge.articles,
            relation_colour(edge.relation),
            relation_colour(edge.relation),
            1.0 + (edge.articles as f64).sqrt()
        );
    }
    out.push_str("}\n");
    out
}

/// Positions by a force-directed layout (Fruchterman–Reingold) started on a
/// circle in node order, so the same network always draws the same way.
fn layout(network: &Network, width: f64, height: f64) -> Vec<(f64, f64)> {
    let count = network.nodes.len();
    if count == 0 {
        return Vec::new();
    }
    let (cx, cy) = (width / 2.0, height / 2.0);
    let radius = width.min(height) * 0.38;
    let mut positions: Vec<(f64, f64)> = (0..count)
        .map(|i| {
            let angle = std::f64::consts::TAU * i as f64 / count as f64;
            (cx + radius * angle.cos(), cy + radius * angle.sin())
        })
        .collect();
    let k = (width * height / count as f64).sqrt() * 0.8;
    // Attraction once per pair of actors, however many relations join them.
    let mut pairs: Vec<(usize, usize)> = network
        .edges
        .iter()
        .map(|e| (e.source.min(e.target), e.source.max(e.target)))
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    let mut temperature = width / 8.0;
    for _ in 0..300 {
        let mut shift = vec![(0.0f64, 0.0f64); count];
        for a in 0..count {
            for b in 0..count {
                if a == b {
                    continue;
                }
                let (dx, dy) = (
                    positions[a].0 - positions[b].0,
                    positions[a].1 - positions[b].1,
                );
                let distance = (dx * dx + dy * dy).sqrt().max(0.01);
                let force = k * k / distance;
                shift[a].0 += dx / distance * force;
                shift[a].1 += dy / distance * force;
            }
        }
        for &(a, b) in &pairs {
            let (dx, dy) = (
                positions[a].0 - positions[b].0,
                positions[a].1 - positions[b].1,
            );
            let distance = (dx * dx + dy * dy).sqrt().max(0.01);
            let force = distance * distance / k;
            shift[a].0 -= dx / distance * force;
            shift[a].1 -= dy / distance * force;
            shift[b].0 += dx / distance * force;
            shift[b].1 += dy / distance * force;
        }
        for (position, (sx, sy)) in positions.iter_mut().zip(&shift) {
            let length = (sx * sx + sy * sy).sqrt().max(0.01);
            position.0 =
                (position.0 + sx / length * length.min(temperature)).clamp(90.0, width - 90.0);
            position.1 =
                (position.1 + sy / length * length.min(temperature)).clamp(40.0, height - 60.0);
        }
        temperature *= 0.97;
    }
    fill(&positions, width, height)
}

/// The positions scaled so that their bounding box fills the picture to its
/// margins.
fn fill(positions: &[(f64, f64)], width: f64, height: f64) -> Vec<(f64, f64)> {
    let (min_x, max_x) = positions.iter().fold((f64::MAX, f64::MIN), |(lo, hi), p| {
        (lo.min(p.0), hi.max(p.0))
    });
    let (min_y, max_y) = positions.iter().fold((f64::MAX, f64::MIN), |(lo, hi), p| {
        (lo.min(p.1), hi.max(p.1))
    });
    let scale = |value: f64, low: f64, high: f64, from: f64, to: f64| {
        if high - low < 1.0 {
            (from + to) / 2.0
        } else {
            from + (value - low) / (high - low) * (to - from)
        }
    };
    positions
        .iter()
        .map(|&(x, y)| {
            (
                scale(x, min_x, max_x, 100.0, width - 100.0),
                scale(y, min_y, max_y, 50.0, height - 80.0),
            )
        })
        .collect()
}

/// The network as a standalone SVG: nodes coloured by kind, edges coloured
/// by relation with arrowheads, width by number of articles, a legend.
/// Elements carry `data-` attributes so a page can make them interactive.
pub fn to_svg(network: &Network) -> String {
    let (width, height) = (900.0, 640.0);
    let positions = layout(network, width, height);
    let mut out = String::new();
    let _ = writeln!(
        out,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" font-family="system-ui, sans-serif" font-size="13">"##
    );
    out.push_str("  <defs>\n");
    for relation in Predicate::ALL {
        let _ = writeln!(
            out,
            r##"    <marker id="arrow-{}" viewBox="0 0 10 10" refX="10" refY="5" markerUnits="userSpaceOnUse" markerWidth="11" markerHeight="11" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{}"/></marker>"##,
            relation.name(),
            relation_colour(relation)
        );
    }
    out.push_str("  </defs>\n  <rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
    let radii: Vec<f64> = (0..network.nodes.len())
        .map(|index| {
            let degree = network
                .edges
                .iter()
                .filter(|e| e.source == index || e.target == index)
                .count();
            10.0 + (degree as f64).sqrt() * 4.0
        })
        .collect();
    for edge in &network.edges {
        write_edge(&mut out, network, &positions, &radii, edge);
    }
    for (index, node) in network.nodes.iter().enumerate() {
        let (x, y) = positions[index];
        let radius = radii[index];
        let _ = writeln!(
            out,
            r##"  <g class="node" data-iri="{}"><title>{} ({})</title><circle cx="{x:.1}" cy="{y:.1}" r="{radius:.1}" fill="{}" stroke="#ffffff" stroke-width="2"/><text x="{x:.1}" y="{:.1}" text-anchor="middle" fill="#222222">{}</text></g>"##,
            escape(&node.iri),
            escape(&node.label),
            escape(&node.kind),
            kind_colour(&node.kind),
            y + radius + 15.0,
            escape(&node.label)
        );
    }
    write_legend(&mut out, height);
    if network.nodes.is_empty() {
        let _ = writeln!(
            out,
            r##"  <text x="{}" y="{}" text-anchor="middle" fill="#666666">No relations in the store yet.</text>"##,
            width / 2.0,
            height / 2.0
        );
    }
    out.push_str("</svg>\n");
    out
}

/// One edge: a quadratic curve bent to its left, from the rim of its source
/// to the rim of its target, with its title.
fn write_edge(
    out: &mut String,
    network: &Network,
    positions: &[(f64, f64)],
    radii: &[f64],
    edge: &Edge,
) {
    let ((x1, y1), (x2, y2)) = (positions[edge.source], positions[edge.target]);
    let (dx, dy) = (x2 - x1, y2 - y1);
    let length = (dx * dx + dy * dy).sqrt().max(0.01);
    // Curve each edge to its left, more for later relation kinds, so
    // A→B and B→A and several kinds between one pair stay apart.
    let bend = 18.0
        + 14.0
            * Predicate::ALL
                .iter()
                .position(|p| *p == edge.relation)
                .unwrap_or(0) as f64;
    let (mx, my) = (
        (x1 + x2) / 2.0 - dy / length * bend,
        (y1 + y2) / 2.0 + dx / length * bend,
    );
    let (r1, r2) = (radii[edge.source], radii[edge.target] + 3.0);
    let start = (
        x1 + (mx - x1) / length * r1 * 1.2,
        y1 + (my - y1) / length * r1 * 1.2,
    );
    let end_dx = x2 - mx;
    let end_dy = y2 - my;
    let end_length = (end_dx * end_dx + end_dy * end_dy).sqrt().max(0.01);
    let end = (x2 - end_dx / end_length * r2, y2 - end_dy / end_length * r2);
    let colour = relation_colour(edge.relation);
    let source = &network.nodes[edge.source];
    let target = &network.nodes[edge.target];
    let _ = writeln!(
        out,
        r##"  <g class="edge" data-source="{}" data-target="{}" data-relation="{}" data-articles="{}" style="cursor:pointer"><title>{} {} {} ({} article{})</title><path d="M{:.1},{:.1} Q{:.1},{:.1} {:.1},{:.1}" fill="none" stroke="{colour}" stroke-width="{:.1}" stroke-opacity="0.85" marker-end="url(#arrow-{})"/></g>"##,
        escape(&source.iri),
        escape(&target.iri),
        edge.relation.name(),
        edge.articles,
        escape(&source.label),
        edge.relation.name(),
        escape(&target.label),
        edge.articles,
        if edge.articles == 1 { "" } else { "s" },
        start.0,
        start.1,
        mx,
        my,
        end.0,
        end.1,
        1.2 + (edge.articles as f64).sqrt() * 1.3,
        edge.relation.name()
    );
}

/// The colour of each relation along the bottom.
fn write_legend(out: &mut String, height: f64) {
    let legend_y = height - 22.0;
    let mut x = 16.0;
    for relation in Predicate::ALL {
        let _ = writeln!(
            out,
            r##"  <g class="legend"><line x1="{x:.1}" y1="{legend_y:.1}" x2="{:.1}" y2="{legend_y:.1}" stroke="{}" stroke-width="3"/><text x="{:.1}" y="{:.1}" fill="#333333">{}</text></g>"##,
            x + 26.0,
            relation_colour(relation),
            x + 32.0,
            legend_y + 4.0,
            relation.name()
        );
        x += 110.0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Network {
        let node = |id: &str, kind: &str| Node {
            iri: format!("https://w3id.org/newsgraph/entity/{id}"),
            label: id.to_owned(),
            kind: kind.to_owned(),
        };
        Network {
            nodes: vec![
                node("Pakistan", "Country"),
                node("Taliban", "Government"),
                node("Qatar", "Country"),
            ],
            edges: vec![
                Edge {
                    source: 0,
                    target: 1,
                    relation: Predicate::Accuses,
                    articles: 4,
                },
                Edge {
                    source: 1,
                    target: 0,
                    relation: Predicate::Accuses,
                    articles: 2,
                },
                Edge {
                    source: 2,
                    target: 0,
                    relation: Predicate::Mediates,
                    articles: 3,
                },
            ],
        }
    }

    #[test]
    fn svg_has_a_node_and_an_edge_element_each_and_is_deterministic() {
        let svg = to_svg(&sample());
        assert_eq!(svg.matches("<g class=\"node\"").count(), 3);
        assert_eq!(svg.matches("<g class=\"edge\"").count(), 3);
        assert!(
            svg.contains("data-relation=\"mediates\"")
                && svg.contains("Pakistan accuses Taliban (4 articles)")
        );
        assert_eq!(svg, to_svg(&sample()), "the layout is deterministic");
        for (x, y) in layout(&sample(), 900.0, 640.0) {
            assert!(
                (0.0..=900.0).contains(&x) && (0.0..=640.0).contains(&y),
                "node inside the picture: {x},{y}"
            );
        }
    }

    #[test]
    fn dot_names_every_edge_with_its_weight() {
        let dot = to_dot(&sample());
        assert!(dot.starts_with("digraph newsgraph {"));
        assert!(dot.contains("n0 -> n1 [label=\"accuses (4)\""), "{dot}");
        assert!(dot.contains("n2 [label=\"Qatar\", shape=box"), "{dot}");
    }
}
