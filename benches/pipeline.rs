//! Each stage of the pipeline on the commissioning paper, separately, so a regression shows
//! where it is: `cargo bench --bench pipeline`.
//!
//! Stages: normalise (layout, blocks, the cleaned view), parse (the whole document model),
//! figures (the figure scanner alone over the cleaned text), lint (parse and every rule).

use std::path::Path;

use divan::{Bencher, black_box};
use policy_lint::config::{self, Layer};
use policy_lint::lint::{self, LintOptions};
use policy_lint::parse::{self, ParseOptions, figure, normalize, structure};
use policy_lint::source::Source;

fn main() {
    divan::main();
}

fn paper() -> Source {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/legco-fintech-2020.zh.txt");
    let bytes = std::fs::read(path).expect("the sample paper is in the repository");
    Source::from_bytes("legco-fintech-2020.zh.txt", &bytes).expect("the sample decodes")
}

#[divan::bench]
fn normalise(b: Bencher) {
    let src = paper();
    b.counter(divan::counter::BytesCount::new(src.text().len())).bench(|| {
        let text = black_box(src.text());
        let layout = structure::layout(text, false);
        let blocks = structure::blocks(text, &layout);
        normalize::normalize(text, &blocks, layout.damaged)
    });
}

#[divan::bench]
fn parse_document(b: Bencher) {
    let src = paper();
    b.counter(divan::counter::BytesCount::new(src.text().len()))
        .bench(|| parse::parse(black_box(&src), &ParseOptions::default()));
}

#[divan::bench]
fn figures(b: Bencher) {
    let src = paper();
    let text = src.text();
    let layout = structure::layout(text, false);
    let blocks = structure::blocks(text, &layout);
    let (norm, _) = normalize::normalize(text, &blocks, layout.damaged);
    let t = norm.text;
    b.counter(divan::counter::BytesCount::new(t.len())).bench(|| {
        let mut found = 0usize;
        let mut i = 0;
        while i < t.len() {
            let c = t[i..].chars().next().unwrap_or(' ');
            if figure::could_start(c)
                && let figure::Scan::Figure(m) = figure::scan(black_box(&t), i)
            {
                found += 1;
                i = m.range.end.max(i + c.len_utf8());
                continue;
            }
            i += c.len_utf8();
        }
        found
    });
}

#[divan::bench]
fn lint_all_rules(b: Bencher) {
    let src = paper();
    let resolved = config::resolve(&[Layer::builtin().expect("built-in rules parse")]).expect("defaults resolve");
    let opts = LintOptions::default();
    b.counter(divan::counter::BytesCount::new(src.text().len()))
        .bench(|| lint::lint(black_box(&src), &resolved, &opts).diagnostics.len());
}
