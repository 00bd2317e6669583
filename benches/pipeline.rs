//! Criterion benchmarks of the core stages on the bundled corpus: sentence
//! splitting, mention finding, relation extraction (the whole extractor,
//! with and without the syntax model), tagging and parsing alone (in words
//! per second: what the parser costs per token), and serialization of the
//! article graphs to N-Quads. Throughput is in bytes of article text, so
//! the figures compare with the MB/s of the peers in ../shared/bench.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use newsgraph::extract::Extractor;
use newsgraph::graph::{GraphWriter, Iris};
use newsgraph::nquads;
use newsgraph::rules::RuleSet;
use newsgraph::syntax::Model;
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

fn rules() -> RuleSet {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("ontology/rules.toml");
    let text = std::fs::read_to_string(&path).expect("rules are readable");
    RuleSet::from_toml("rules.toml", &text).expect("the default rules are valid")
}

fn model() -> Model {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("model/en_ewt.model");
    Model::from_bytes(&std::fs::read(path).expect("the model is readable")).expect("a model")
}

fn extractor() -> Extractor {
    Extractor::new(rules())
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
    // A fresh extractor per pass, so its parse cache starts empty and every
    // candidate sentence is parsed.
    let model = std::sync::Arc::new(model());
    group.bench_function("extract with syntax, nothing cached", |b| {
        b.iter(|| {
            let with_syntax = Extractor::with_syntax(rules(), model.clone());
            let mut relations = 0;
            for article in &articles {
                relations += with_syntax.extract(article).relations.len();
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

/// Every sentence of the corpus tagged and parsed, in words per second.
fn syntax(c: &mut Criterion) {
    let articles = corpus();
    let model = model();
    let sentences: Vec<Vec<&str>> = articles
        .iter()
        .flat_map(|article| {
            split_sentences(&article.text).into_iter().map(|sentence| {
                tokenize(&article.text, sentence.span)
                    .iter()
                    .map(|token| &article.text[token.span.clone()])
                    .collect()
            })
        })
        .collect();
    let words: usize = sentences.iter().map(Vec::len).sum();
    let mut group = c.benchmark_group("syntax");
    group.throughput(Throughput::Elements(words as u64));
    group.sample_size(10);
    group.bench_function("tag+parse every sentence (words)", |b| {
        b.iter(|| {
            let mut heads = 0;
            for sentence in &sentences {
                heads += model.analyse(sentence).heads.len();
            }
            black_box(heads)
        })
    });
    group.finish();
}

criterion_group!(benches, stages, syntax);
criterion_main!(benches);
