//! `newsgraph eval`: a store scored against gold annotations, printed as
//! `gold/score.py` prints it.

use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use clap::Args;

use super::StoreArgs;

#[derive(Args, Debug)]
pub(super) struct EvalArgs {
    /// Folder with entities.tsv, relations.tsv, roles.tsv and mentions.tsv
    gold: PathBuf,
    /// List misses and false positives
    #[arg(long, short)]
    verbose: bool,
    /// Exit 1 when the relation F1 is below this
    #[arg(long)]
    min_f1: Option<f64>,
    #[command(flatten)]
    store: StoreArgs,
}

pub(super) fn run(args: EvalArgs) -> Result<()> {
    let store = args.store.open()?;
    let quads: Vec<oxigraph::model::Quad> = store
        .quads_in(None)
        .collect::<Result<_, _>>()
        .context("reading the store")?;
    let score = newsgraph::eval::score(&args.gold, &quads)?;
    print!("{}", score.report(args.verbose));
    for warning in &score.warnings {
        eprintln!("warning: {warning}");
    }
    if let Some(minimum) = args.min_f1 {
        if score.relation_f1() < minimum {
            bail!(
                "relation F1 {:.3} is below --min-f1 {minimum}",
                score.relation_f1()
            );
        }
    }
    Ok(())
}
