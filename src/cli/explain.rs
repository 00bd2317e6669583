//! `newsgraph explain`: the sentences behind an edge or an entity.

use std::collections::BTreeSet;
use std::io::{self, Write};

use anyhow::Result;
use clap::Args;

use newsgraph::explain;
use newsgraph::graph::EvidenceProfile;
use newsgraph::rules::Predicate;

use super::StoreArgs;

#[derive(Args, Debug)]
pub(super) struct ExplainArgs {
    /// An entity; with RELATION and TARGET, the source of an edge
    entity: String,
    /// mediates, accuses, demands or rejects
    #[arg(requires = "target")]
    relation: Option<Predicate>,
    /// The target of the edge
    target: Option<String>,
    #[command(flatten)]
    store: StoreArgs,
}

pub(super) fn run(args: ExplainArgs) -> Result<()> {
    let store = args.store.open()?;
    let (title, none, rows) = match (args.relation, &args.target) {
        (Some(predicate), Some(target)) => (
            format!("{} {predicate} {target}", args.entity),
            format!(
                "no article in the store says {} {predicate} {target}",
                args.entity
            ),
            explain::edge(&store, &args.entity, predicate, target)?,
        ),
        _ => (
            format!("{}: every relation instance it takes part in", args.entity),
            format!("{} takes part in no relation in the store", args.entity),
            explain::entity(&store, &args.entity)?,
        ),
    };
    let articles: BTreeSet<&str> = rows.iter().map(|row| row.article.as_str()).collect();
    let mut out = io::BufWriter::new(io::stdout().lock());
    writeln!(
        out,
        "{title}: {} instance(s) in {} article(s)",
        rows.len(),
        articles.len()
    )?;
    for row in &rows {
        let trigger = match &row.trigger {
            Some(trigger) => format!(", trigger \"{trigger}\""),
            None => String::new(),
        };
        writeln!(
            out,
            "\n{} {} {}  [{}]\n  {} chars {}..{}{trigger}, rule {}\n  {}",
            row.source,
            row.predicate,
            row.target,
            row.modality,
            row.article,
            row.begin,
            row.end,
            row.rule,
            row.sentence
        )?;
    }
    out.flush()?;
    if rows.is_empty() {
        if store.evidence_profiles()?.contains(&EvidenceProfile::None) {
            anyhow::bail!(
                "{title}: the store keeps no sentences (its articles were built with --evidence \
                 none, which keeps the edges and how many sentences state each: see query \
                 --preset timeline)"
            );
        }
        anyhow::bail!(none);
    }
    Ok(())
}
