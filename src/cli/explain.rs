//! `newsgraph explain`: the sentences behind an edge or an entity.

use std::collections::BTreeSet;
use std::io::{self, Write};

use anyhow::{Result, bail};
use clap::Args;

use newsgraph::explain;
use newsgraph::rules::Predicate;

use super::StoreArgs;

#[derive(Args, Debug)]
pub(super) struct ExplainArgs {
    /// An entity, or SOURCE RELATION TARGET
    #[arg(required = true, num_args = 1..=3)]
    terms: Vec<String>,
    #[command(flatten)]
    store: StoreArgs,
}

pub(super) fn run(args: ExplainArgs) -> Result<()> {
    let store = args.store.open()?;
    let (title, rows) = match args.terms.as_slice() {
        [name] => (
            format!("{name}: every relation instance it takes part in"),
            explain::entity(&store, name)?,
        ),
        [source, relation, target] => {
            let predicate: Predicate = relation.parse()?;
            (
                format!("{source} {relation} {target}"),
                explain::edge(&store, source, predicate, target)?,
            )
        }
        _ => bail!(
            "give an entity, or SOURCE RELATION TARGET (e.g. `explain Pakistan accuses Taliban`)"
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
        writeln!(
            out,
            "\n{} {} {}  [{}]\n  {} chars {}..{}, trigger \"{}\", rule {}\n  {}",
            row.source,
            row.predicate,
            row.target,
            row.modality,
            row.article,
            row.begin,
            row.end,
            row.trigger,
            row.rule,
            row.sentence
        )?;
    }
    out.flush()?;
    Ok(())
}
