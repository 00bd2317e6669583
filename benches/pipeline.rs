//! Criterion benchmarks of the core stages on the bundled corpus: sentence
//! splitting, mention finding, relation extraction (the whole extractor),
//! and serialization of the article graphs to N-Quads. Throughput is in
//! bytes of article text, so the figures compare with the MB/s of the peers
//! in ../shared/bench.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use newsgraph::extract::Extractor;
use newsgraph::graph::{GraphWriter, Iris};
use newsgraph::nquads;
use newsgraph::rules::RuleSet;
use newsgraph::text::{Article, split_sentences, tokenize};

fn corpus() -> Vec<Article> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut paths: Vec<_> = std::fs::read_dir(&folder)
        .expect("corpus/ exists")
        .map(|entry| entry.expect("readable").path())
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("corpus files are UTF-8");
            Article::from_text(
                path.file_stem().expect("a file name").to_string_lossy(),
                text,
            )
        })
        .collect()
}

fn extractor() -> Extractor {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("ontology/rules.toml");
    let text = std::fs::read_to_string(&path).expect("rules are readable");
    Extractor::new(RuleSet::from_toml("rules.toml", &text).expect("the default rules are valid"))
}

fn stages(c: &mut Criterion) {
    let articles = corpus();
    let extractor = extractor();
    let iris = Iris::default();
    let bytes: usize = articles.iter().map(|article| article.text.len()).sum();
    let mut group = c.benchmark_group("corpus");
    group.throughput(Throughput::Bytes(bytes as u64));

    group.bench_function("sentences+tokens", |b| {
        b.iter(|| {
            let mut tokens = 0;
            for article in &articles {
                for sentence in split_sentences(&article.text) {
                    tokens += tokenize(&article.text, sentence.span).len();
                }
            }
            black_box(tokens)
        })
    });
    group.bench_function("extract (mentions+relations)", |b| {
        b.iter(|| {
            let mut relations = 0;
            for article in &articles {
                relations += extractor.extract(article).relations.len();
            }
            black_box(relations)
        })
    });
    let extractions: Vec<_> = articles
        .iter()
        .map(|article| extractor.extract(article))
        .collect();
    let writer = GraphWriter::new(&iris, extractor.rules());
    group.bench_function("graph+serialize N-Quads", |b| {
        b.iter(|| {
            let mut out = Vec::new();
            for (article, extraction) in articles.iter().zip(&extractions) {
                nquads::write_quads(&mut out, writer.article(article, extraction).quads());
            }
            black_box(out.len())
        })
    });
    group.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
