//! Reading and writing CoNLL-U, the Universal Dependencies file format:
//! the treebank the tagger and parser learn from, and what `newsgraph
//! parse` prints. Owns the column layout; knows nothing of models.

use std::fmt::Write as _;

/// One sentence of a treebank: its words (multiword-token lines and empty
/// nodes are skipped, as most parsers do) with their gold analysis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreebankSentence {
    /// The sentence's `# sent_id`, or its first line number.
    pub id: String,
    pub forms: Vec<String>,
    pub upos: Vec<String>,
    /// Penn Treebank tags (the XPOS column).
    pub xpos: Vec<String>,
    /// Head of each word, 1-based; 0 is the root.
    pub heads: Vec<u32>,
    pub deprels: Vec<String>,
}

/// A line of a CoNLL-U file that cannot be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConlluError {
    #[error("{file}:{line}: {message}")]
    Line {
        file: String,
        line: usize,
        message: String,
    },
}

/// Reads every sentence of a CoNLL-U file; `file` names it in errors.
pub fn read_treebank(file: &str, text: &str) -> Result<Vec<TreebankSentence>, ConlluError> {
    let mut sentences = Vec::new();
    let mut current: Option<TreebankSentence> = None;
    let mut first_line = 0;
    let error = |line: usize, message: String| ConlluError::Line {
        file: file.to_owned(),
        line,
        message,
    };
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            if let Some(sentence) = current.take() {
                check_heads(&sentence).map_err(|message| error(first_line, message))?;
                sentences.push(sentence);
            }
            continue;
        }
        let sentence = current.get_or_insert_with(|| {
            first_line = number;
            TreebankSentence {
                id: format!("line {number}"),
                forms: Vec::new(),
                upos: Vec::new(),
                xpos: Vec::new(),
                heads: Vec::new(),
                deprels: Vec::new(),
            }
        });
        if let Some(comment) = line.strip_prefix('#') {
            if let Some(id) = comment.trim().strip_prefix("sent_id = ") {
                sentence.id = id.to_owned();
            }
            continue;
        }
        let columns: Vec<&str> = line.split('\t').collect();
        if columns.len() != 10 {
            return Err(error(
                number,
                format!("{} columns, CoNLL-U has 10", columns.len()),
            ));
        }
        // Multiword tokens ("1-2") and empty nodes ("8.1") carry no tree.
        if columns[0].contains(['-', '.']) {
            continue;
        }
        let id: usize = columns[0]
            .parse()
            .map_err(|_| error(number, format!("word id {:?} is not a number", columns[0])))?;
        if id != sentence.forms.len() + 1 {
            return Err(error(
                number,
                format!("word id {id} follows {}", sentence.forms.len()),
            ));
        }
        let head: u32 = columns[6]
            .parse()
            .map_err(|_| error(number, format!("head {:?} is not a number", columns[6])))?;
        sentence.forms.push(columns[1].to_owned());
        sentence.upos.push(columns[3].to_owned());
        sentence.xpos.push(columns[4].to_owned());
        sentence.heads.push(head);
        sentence.deprels.push(columns[7].to_owned());
    }
    if let Some(sentence) = current.take() {
        check_heads(&sentence).map_err(|message| error(first_line, message))?;
        sentences.push(sentence);
    }
    Ok(sentences
        .into_iter()
        .filter(|s| !s.forms.is_empty())
        .collect())
}

fn check_heads(sentence: &TreebankSentence) -> Result<(), String> {
    let words = sentence.forms.len() as u32;
    match sentence.heads.iter().find(|&&head| head > words) {
        Some(head) => Err(format!(
            "sentence {}: head {head} beyond its {words} words",
            sentence.id
        )),
        None => Ok(()),
    }
}

/// One word of an analysed sentence, as CoNLL-U prints it.
#[derive(Debug, Clone, Copy)]
pub struct ConlluWord<'a> {
    pub form: &'a str,
    pub upos: &'a str,
    pub xpos: &'a str,
    pub head: u32,
    pub deprel: &'a str,
    /// Character offsets in the article, printed in MISC as `start-end`.
    pub chars: (usize, usize),
    pub space_after: bool,
}

/// Appends one sentence in CoNLL-U: `# sent_id`, `# text`, a line per word
/// (FORM, UPOS, XPOS, HEAD, DEPREL; LEMMA, FEATS, DEPS unset), a blank line.
pub fn write_sentence(out: &mut String, sent_id: &str, text: &str, words: &[ConlluWord<'_>]) {
    let _ = writeln!(out, "# sent_id = {sent_id}");
    let _ = writeln!(out, "# text = {}", text.replace(['\n', '\r', '\t'], " "));
    for (index, word) in words.iter().enumerate() {
        let form = word.form.replace(['\t', '\n', '\r'], " ");
        let space = if word.space_after {
            ""
        } else {
            "|SpaceAfter=No"
        };
        let _ = writeln!(
            out,
            "{}\t{}\t_\t{}\t{}\t_\t{}\t{}\t_\tTokenRange={}:{}{}",
            index + 1,
            form,
            word.upos,
            word.xpos,
            word.head,
            word.deprel,
            word.chars.0,
            word.chars.1,
            space
        );
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# sent_id = s1\n# text = Qatar mediated.\n1\tQatar\tQatar\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n2\tmediated\tmediate\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No\n3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n1\tdo\tdo\tAUX\tVBP\t_\t3\taux\t_\t_\n2\tn't\tnot\tPART\tRB\t_\t3\tadvmod\t_\t_\n3\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\t_\n";

    #[test]
    fn reads_words_and_skips_multiword_lines() {
        let sentences = read_treebank("sample.conllu", SAMPLE).unwrap();
        assert_eq!(sentences.len(), 2);
        assert_eq!(sentences[0].id, "s1");
        assert_eq!(sentences[0].forms, ["Qatar", "mediated", "."]);
        assert_eq!(sentences[0].heads, [2, 0, 2]);
        assert_eq!(sentences[1].forms, ["do", "n't", "go"]);
        assert_eq!(sentences[1].id, "line 7");
    }

    #[test]
    fn a_bad_line_names_its_file_and_line() {
        let text = "1\tQatar\tQatar\tPROPN\tNNP\t_\tx\tnsubj\t_\t_\n";
        let error = read_treebank("bad.conllu", text).unwrap_err().to_string();
        assert_eq!(error, "bad.conllu:1: head \"x\" is not a number");
        let text = "1\tQatar\tQatar\tPROPN\n";
        let error = read_treebank("bad.conllu", text).unwrap_err().to_string();
        assert_eq!(error, "bad.conllu:1: 4 columns, CoNLL-U has 10");
        let text = "1\tQatar\tQatar\tPROPN\tNNP\t_\t5\tnsubj\t_\t_\n";
        let error = read_treebank("bad.conllu", text).unwrap_err().to_string();
        assert_eq!(
            error,
            "bad.conllu:1: sentence line 1: head 5 beyond its 1 words"
        );
    }
}
