//! The dependency parser: arc-hybrid transitions (shift, left, right) chosen
//! greedily by an averaged perceptron over the stack and buffer (rich
//! non-local features in the manner of Zhang and Nivre 2011), trained with
//! the dynamic oracle of Goldberg and Nivre (2013) so that it learns to
//! recover from its own mistakes. A second perceptron labels each arc when
//! it is made, when the dependent's subtree is complete. The root is at the
//! bottom of the stack and takes one dependent, after the buffer is empty,
//! so every tree has one root.

use super::perceptron::{Reader, Trainer, Weights, feature, write_string};
use super::tagger::argmax;
use super::words::WordKeys;

const SHIFT: usize = 0;
const LEFT: usize = 1;
const RIGHT: usize = 2;
const MOVES: usize = 3;

/// No such position (an empty stack slot, a child not there).
const NONE: u32 = u32::MAX;
/// Tag keys for padding and the root (tags are 0..64).
const NO_TAG: u64 = 100;
const ROOT_TAG: u64 = 101;
const NO_WORD: u64 = 0x7e57_0001;
const ROOT_WORD: u64 = 0x7e57_0002;

/// A parsed sentence: for each word its head (1-based, 0 the root) and
/// the number of its label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tree {
    pub heads: Vec<u32>,
    pub labels: Vec<u8>,
}

#[derive(Debug, Clone)]
pub struct Parser {
    labels: Vec<String>,
    moves: Weights,
    labeller: Weights,
}

/// A parser configuration. Position 0 is the root; words are 1..=n.
struct State {
    stack: Vec<u32>,
    next: u32,
    words: u32,
    heads: Vec<u32>,
    labels: Vec<u8>,
    /// The two leftmost and two rightmost children of each position,
    /// outermost first (a newly attached child is always outermost).
    left: Vec<[u32; 2]>,
    right: Vec<[u32; 2]>,
    left_count: Vec<u8>,
    right_count: Vec<u8>,
    /// The labels of each position's left and right children, as bits.
    left_labels: Vec<u64>,
    right_labels: Vec<u64>,
}

impl State {
    fn new(words: usize) -> State {
        let positions = words + 1;
        State {
            stack: vec![0],
            next: 1,
            words: words as u32,
            heads: vec![NONE; positions],
            labels: vec![0; positions],
            left: vec![[NONE; 2]; positions],
            right: vec![[NONE; 2]; positions],
            left_count: vec![0; positions],
            right_count: vec![0; positions],
            left_labels: vec![0; positions],
            right_labels: vec![0; positions],
        }
    }

    fn is_final(&self) -> bool {
        self.next > self.words && self.stack.len() == 1
    }

    fn buffer_empty(&self) -> bool {
        self.next > self.words
    }

    fn stack_at(&self, depth: usize) -> u32 {
        if depth < self.stack.len() {
            self.stack[self.stack.len() - 1 - depth]
        } else {
            NONE
        }
    }

    fn buffer_at(&self, offset: u32) -> u32 {
        let position = self.next + offset;
        if position <= self.words {
            position
        } else {
            NONE
        }
    }

    fn valid(&self, next_move: usize) -> bool {
        match next_move {
            SHIFT => !self.buffer_empty(),
            LEFT => self.stack.len() >= 2 && !self.buffer_empty(),
            // The root takes its one dependent last.
            _ => self.stack.len() >= 3 || (self.stack.len() == 2 && self.buffer_empty()),
        }
    }

    /// The arc a move makes, as (head, dependent).
    fn arc(&self, next_move: usize) -> Option<(u32, u32)> {
        match next_move {
            LEFT => Some((self.next, self.stack_at(0))),
            RIGHT => Some((self.stack_at(1), self.stack_at(0))),
            _ => None,
        }
    }

    fn apply(&mut self, next_move: usize, label: u8) {
        match self.arc(next_move) {
            None => {
                self.stack.push(self.next);
                self.next += 1;
            }
            Some((head, dependent)) => {
                self.stack.pop();
                let (h, d) = (head as usize, dependent as usize);
                self.heads[d] = head;
                self.labels[d] = label;
                if dependent < head {
                    self.left[h] = [dependent, self.left[h][0]];
                    self.left_count[h] = self.left_count[h].saturating_add(1);
                    self.left_labels[h] |= 1 << (label & 63);
                } else {
                    self.right[h] = [dependent, self.right[h][0]];
                    self.right_count[h] = self.right_count[h].saturating_add(1);
                    self.right_labels[h] |= 1 << (label & 63);
                }
            }
        }
    }

    /// How many gold arcs a move makes unreachable (Goldberg and Nivre 2013).
    fn cost(&self, next_move: usize, gold: &[u32]) -> u32 {
        let s0 = self.stack_at(0);
        let buffer = self.next..=self.words;
        let dependents_in_buffer =
            |of: u32| buffer.clone().filter(|&d| gold[d as usize] == of).count() as u32;
        match next_move {
            SHIFT => {
                let b = self.next;
                let mut cost = self
                    .stack
                    .iter()
                    .filter(|&&d| d != 0 && gold[d as usize] == b)
                    .count() as u32;
                let below = &self.stack[..self.stack.len() - 1];
                if below.contains(&gold[b as usize]) {
                    cost += 1;
                }
                cost
            }
            LEFT => {
                let head = gold[s0 as usize];
                let mut cost = dependents_in_buffer(s0);
                if head != self.next && (head == self.stack_at(1) || buffer.contains(&head)) {
                    cost += 1;
                }
                cost
            }
            _ => {
                let head = gold[s0 as usize];
                let mut cost = dependents_in_buffer(s0);
                if buffer.contains(&head) {
                    cost += 1;
                }
                cost
            }
        }
    }
}

/// A sentence as the parser reads it: keys and (Penn) tags per position,
/// the root at 0, and how many punctuation marks precede each position.
struct Sentence<'w> {
    words: &'w [WordKeys],
    tags: &'w [u8],
    punctuation_before: Vec<u16>,
}

impl<'w> Sentence<'w> {
    fn new(words: &'w [WordKeys], tags: &'w [u8]) -> Sentence<'w> {
        let mut punctuation_before = Vec::with_capacity(words.len() + 2);
        punctuation_before.push(0);
        punctuation_before.push(0);
        let mut count = 0u16;
        for word in words {
            count += u16::from(word.flags & 16 != 0);
            punctuation_before.push(count);
        }
        Sentence {
            words,
            tags,
            punctuation_before,
        }
    }

    fn word(&self, position: u32) -> u64 {
        match position {
            NONE => NO_WORD,
            0 => ROOT_WORD,
            _ => self.words[position as usize - 1].norm,
        }
    }

    fn suffix(&self, position: u32) -> u64 {
        match position {
            NONE => NO_WORD,
            0 => ROOT_WORD,
            _ => self.words[position as usize - 1].suffixes[2],
        }
    }

    fn tag(&self, position: u32) -> u64 {
        match position {
            NONE => NO_TAG,
            0 => ROOT_TAG,
            _ => u64::from(self.tags[position as usize - 1]),
        }
    }

    /// Whether punctuation lies strictly between two positions.
    fn punctuation_between(&self, first: u32, second: u32) -> u64 {
        if first == NONE || second == NONE {
            return 2;
        }
        let (low, high) = (first.min(second) as usize, first.max(second) as usize);
        // Counts before position p are at index p (position 0 is the root).
        u64::from(self.punctuation_before[high] > self.punctuation_before[low + 1])
    }
}

fn distance(first: u32, second: u32) -> u64 {
    if first == NONE || second == NONE {
        return 9;
    }
    match first.abs_diff(second) {
        distance @ 0..=4 => u64::from(distance),
        5..=7 => 5,
        8..=12 => 6,
        _ => 7,
    }
}

fn pair(a: u64, b: u64) -> u64 {
    super::perceptron::mix(a.wrapping_mul(31), b)
}

fn move_features(state: &State, sentence: &Sentence<'_>, out: &mut Vec<u64>) {
    out.clear();
    let (s0, s1, s2) = (state.stack_at(0), state.stack_at(1), state.stack_at(2));
    let (b0, b1, b2) = (state.buffer_at(0), state.buffer_at(1), state.buffer_at(2));
    let child = |of: u32, side: &[[u32; 2]], nth: usize| -> u32 {
        if of == NONE {
            NONE
        } else {
            side[of as usize][nth]
        }
    };
    let label = |of: u32| -> u64 {
        if of == NONE {
            99
        } else {
            u64::from(state.labels[of as usize])
        }
    };
    let count = |of: u32, side: &[u8]| -> u64 {
        if of == NONE {
            99
        } else {
            u64::from(side[of as usize])
        }
    };
    let set = |of: u32, side: &[u64]| -> u64 {
        if of == NONE {
            1 << 63
        } else {
            side[of as usize]
        }
    };
    let s0l1 = child(s0, &state.left, 0);
    let s0l2 = child(s0, &state.left, 1);
    let s0r1 = child(s0, &state.right, 0);
    let s0r2 = child(s0, &state.right, 1);
    let s1l1 = child(s1, &state.left, 0);
    let s1r1 = child(s1, &state.right, 0);
    let s1r2 = child(s1, &state.right, 1);
    let b0l1 = child(b0, &state.left, 0);
    let b0l2 = child(b0, &state.left, 1);
    let w = |p: u32| sentence.word(p);
    let t = |p: u32| sentence.tag(p);
    let wt = |p: u32| pair(sentence.word(p), sentence.tag(p));

    out.push(feature(0, 0, 0, 0));
    out.push(feature(1, w(s0), 0, 0));
    out.push(feature(2, t(s0), 0, 0));
    out.push(feature(3, wt(s0), 0, 0));
    out.push(feature(4, w(s1), 0, 0));
    out.push(feature(5, t(s1), 0, 0));
    out.push(feature(6, wt(s1), 0, 0));
    out.push(feature(7, w(b0), 0, 0));
    out.push(feature(8, t(b0), 0, 0));
    out.push(feature(9, wt(b0), 0, 0));
    out.push(feature(10, w(b1), 0, 0));
    out.push(feature(11, t(b1), 0, 0));
    out.push(feature(12, wt(b1), 0, 0));
    out.push(feature(13, wt(b2), 0, 0));
    out.push(feature(14, t(s2), 0, 0));
    out.push(feature(15, wt(s0), wt(b0), 0));
    out.push(feature(16, wt(s0), w(b0), 0));
    out.push(feature(17, w(s0), wt(b0), 0));
    out.push(feature(18, wt(s0), t(b0), 0));
    out.push(feature(19, t(s0), wt(b0), 0));
    out.push(feature(20, w(s0), w(b0), 0));
    out.push(feature(21, t(s0), t(b0), 0));
    out.push(feature(22, t(b0), t(b1), 0));
    out.push(feature(23, t(s1), t(s0), 0));
    out.push(feature(24, w(s1), w(s0), 0));
    out.push(feature(25, t(s1), w(s0), 0));
    out.push(feature(26, w(s1), t(s0), 0));
    out.push(feature(27, wt(s1), wt(s0), 0));
    out.push(feature(30, t(b0), t(b1), t(b2)));
    out.push(feature(31, t(s0), t(b0), t(b1)));
    out.push(feature(32, t(s1), t(s0), t(b0)));
    out.push(feature(33, t(s0), t(s0l1), t(b0)));
    out.push(feature(34, t(s0), t(s0r1), t(b0)));
    out.push(feature(35, t(s0), t(b0), t(b0l1)));
    out.push(feature(36, t(s1), t(s1r1), t(s0)));
    out.push(feature(37, t(s1), t(s0), t(s0r1)));
    out.push(feature(38, t(s1), t(s0), t(s0l1)));
    out.push(feature(39, t(s2), t(s1), t(s0)));
    out.push(feature(40, t(s1), t(s1l1), t(s0)));
    out.push(feature(41, t(s1), t(s0), t(b1)));
    out.push(feature(42, w(s1), t(s0), t(b0)));
    out.push(feature(43, t(s1), w(s0), t(b0)));
    out.push(feature(44, t(s1), t(s0), w(b0)));
    let d0 = distance(s0, b0);
    let d1 = distance(s1, s0);
    out.push(feature(45, w(s0), d0, 0));
    out.push(feature(46, t(s0), d0, 0));
    out.push(feature(47, w(b0), d0, 0));
    out.push(feature(48, t(b0), d0, 0));
    out.push(feature(49, t(s0), t(b0), d0));
    out.push(feature(50, t(s1), t(s0), d1));
    out.push(feature(51, w(s1), t(s0), d1));
    out.push(feature(52, t(s1), w(s0), d1));
    out.push(feature(53, w(s0), count(s0, &state.left_count), 0));
    out.push(feature(54, t(s0), count(s0, &state.left_count), 0));
    out.push(feature(55, w(s0), count(s0, &state.right_count), 0));
    out.push(feature(56, t(s0), count(s0, &state.right_count), 0));
    out.push(feature(57, w(b0), count(b0, &state.left_count), 0));
    out.push(feature(58, t(b0), count(b0, &state.left_count), 0));
    out.push(feature(59, t(s1), count(s1, &state.right_count), 0));
    out.push(feature(60, w(s1), count(s1, &state.right_count), 0));
    out.push(feature(61, w(s0l1), 0, 0));
    out.push(feature(62, t(s0l1), 0, 0));
    out.push(feature(63, label(s0l1), 0, 0));
    out.push(feature(64, w(s0r1), 0, 0));
    out.push(feature(65, t(s0r1), 0, 0));
    out.push(feature(66, label(s0r1), 0, 0));
    out.push(feature(67, w(b0l1), 0, 0));
    out.push(feature(68, t(b0l1), 0, 0));
    out.push(feature(69, label(b0l1), 0, 0));
    out.push(feature(70, w(s1r1), 0, 0));
    out.push(feature(71, t(s1r1), label(s1r1), 0));
    out.push(feature(72, t(s1l1), label(s1l1), 0));
    out.push(feature(73, t(s0l2), label(s0l2), 0));
    out.push(feature(74, t(s0r2), label(s0r2), 0));
    out.push(feature(75, t(b0l2), label(b0l2), 0));
    out.push(feature(76, t(s0), t(s0l1), t(s0l2)));
    out.push(feature(77, t(s0), t(s0r1), t(s0r2)));
    out.push(feature(78, t(b0), t(b0l1), t(b0l2)));
    out.push(feature(79, t(s1), t(s1r1), t(s1r2)));
    out.push(feature(80, t(s0), label(s0l1), label(s0l2)));
    out.push(feature(81, t(s0), label(s0r1), label(s0r2)));
    out.push(feature(82, t(b0), label(b0l1), label(b0l2)));
    out.push(feature(83, w(s0), set(s0, &state.left_labels), 0));
    out.push(feature(84, t(s0), set(s0, &state.left_labels), 0));
    out.push(feature(85, w(s0), set(s0, &state.right_labels), 0));
    out.push(feature(86, t(s0), set(s0, &state.right_labels), 0));
    out.push(feature(87, w(b0), set(b0, &state.left_labels), 0));
    out.push(feature(88, t(b0), set(b0, &state.left_labels), 0));
    out.push(feature(89, t(s1), set(s1, &state.right_labels), 0));
    out.push(feature(90, t(s1), set(s1, &state.left_labels), 0));
    let before_b0 = if b0 == NONE || b0 <= 1 { NONE } else { b0 - 1 };
    let after_s0 = if s0 == NONE || s0 == 0 || s0 >= state.words {
        NONE
    } else {
        s0 + 1
    };
    let before_s0 = if s0 == NONE || s0 <= 1 { NONE } else { s0 - 1 };
    out.push(feature(91, wt(before_b0), t(b0), 0));
    out.push(feature(92, t(s0), t(after_s0), t(b0)));
    out.push(feature(93, t(before_s0), t(s0), t(b0)));
    out.push(feature(
        94,
        t(s0),
        t(b0),
        sentence.punctuation_between(s0, b0),
    ));
    out.push(feature(
        95,
        t(s1),
        t(s0),
        sentence.punctuation_between(s1, s0),
    ));
    out.push(feature(96, sentence.suffix(s0), t(b0), 0));
    out.push(feature(97, t(s0), sentence.suffix(b0), 0));
    out.push(feature(98, w(s0), w(b1), 0));
    out.push(feature(99, t(s0), t(b1), t(b2)));
}

fn label_features(
    state: &State,
    sentence: &Sentence<'_>,
    head: u32,
    dependent: u32,
    out: &mut Vec<u64>,
) {
    out.clear();
    let w = |p: u32| sentence.word(p);
    let t = |p: u32| sentence.tag(p);
    let d = dependent as usize;
    let h = head as usize;
    let direction = u64::from(dependent < head);
    let span = distance(head, dependent);
    let label = |of: u32| -> u64 {
        if of == NONE {
            99
        } else {
            u64::from(state.labels[of as usize])
        }
    };
    let (dl1, dl2, dr1) = (state.left[d][0], state.left[d][1], state.right[d][0]);
    let (hl1, hr1) = (state.left[h][0], state.right[h][0]);
    let before = if dependent <= 1 { NONE } else { dependent - 1 };
    let after = if dependent >= state.words {
        NONE
    } else {
        dependent + 1
    };
    out.push(feature(0, direction, 0, 0));
    out.push(feature(1, w(dependent), direction, 0));
    out.push(feature(2, t(dependent), direction, 0));
    out.push(feature(3, w(head), direction, 0));
    out.push(feature(4, t(head), direction, 0));
    out.push(feature(5, t(dependent), t(head), direction));
    out.push(feature(6, w(dependent), t(head), direction));
    out.push(feature(7, t(dependent), w(head), direction));
    out.push(feature(8, w(dependent), w(head), direction));
    out.push(feature(9, t(dependent), t(head), span + 16 * direction));
    out.push(feature(10, w(dl1), t(dependent), direction));
    out.push(feature(11, label(dl1), t(dependent), direction));
    out.push(feature(12, label(dr1), t(dependent), direction));
    out.push(feature(13, state.left_labels[d], t(dependent), direction));
    out.push(feature(14, state.right_labels[d], t(dependent), direction));
    out.push(feature(15, state.left_labels[h], t(dependent), direction));
    out.push(feature(16, state.right_labels[h], t(dependent), direction));
    out.push(feature(17, t(before), t(dependent), t(head)));
    out.push(feature(18, t(after), t(dependent), t(head)));
    out.push(feature(19, w(dl1), t(head), direction));
    out.push(feature(20, w(dl2), t(dependent), direction));
    out.push(feature(21, u64::from(head == 0), t(dependent), 0));
    out.push(feature(
        22,
        sentence.suffix(dependent),
        t(dependent),
        direction,
    ));
    out.push(feature(23, w(dr1), t(dependent), direction));
    out.push(feature(24, t(dl1), t(dependent), t(head)));
    out.push(feature(25, t(dr1), t(dependent), t(head)));
    out.push(feature(26, t(head), span, direction));
    out.push(feature(27, label(hl1), t(dependent), direction));
    out.push(feature(28, label(hr1), t(dependent), direction));
    out.push(feature(29, w(dl1), w(head), direction));
    out.push(feature(30, sentence.suffix(head), t(dependent), direction));
    out.push(feature(
        31,
        state.left_labels[h] | state.right_labels[h],
        t(dependent),
        t(head),
    ));
}

fn best_valid(state: &State, scores: &[f32]) -> usize {
    let mut best = usize::MAX;
    for next_move in 0..MOVES {
        if state.valid(next_move) && (best == usize::MAX || scores[next_move] > scores[best]) {
            best = next_move;
        }
    }
    debug_assert!(
        best != usize::MAX,
        "a configuration that is not final has a valid move"
    );
    best
}

impl Parser {
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// Parses one tagged sentence.
    pub fn parse(&self, words: &[WordKeys], tags: &[u8]) -> Tree {
        let sentence = Sentence::new(words, tags);
        let mut state = State::new(words.len());
        let mut features_buffer = Vec::with_capacity(128);
        let mut move_scores = [0.0f32; MOVES];
        let mut label_scores = vec![0.0f32; self.labels.len()];
        while !state.is_final() {
            move_features(&state, &sentence, &mut features_buffer);
            self.moves.scores(&features_buffer, &mut move_scores);
            let next_move = best_valid(&state, &move_scores);
            let label = match state.arc(next_move) {
                Some((head, dependent)) => {
                    label_features(&state, &sentence, head, dependent, &mut features_buffer);
                    self.labeller.scores(&features_buffer, &mut label_scores);
                    argmax(&label_scores) as u8
                }
                None => 0,
            };
            state.apply(next_move, label);
        }
        Tree {
            heads: state.heads[1..].to_vec(),
            labels: state.labels[1..].to_vec(),
        }
    }

    pub fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&(self.labels.len() as u32).to_le_bytes());
        for label in &self.labels {
            write_string(out, label);
        }
        self.moves.write(out);
        self.labeller.write(out);
    }

    pub fn read(input: &mut Reader<'_>) -> Result<Parser, String> {
        let count = input.u32()? as usize;
        if count == 0 || count > 64 {
            return Err(format!("{count} labels; a parser has 1 to 64"));
        }
        let labels = (0..count)
            .map(|_| input.string())
            .collect::<Result<Vec<_>, _>>()?;
        let moves = Weights::read(input)?;
        let labeller = Weights::read(input)?;
        if moves.classes() != MOVES || labeller.classes() != labels.len() {
            return Err("weights that do not fit the parser's moves and labels".to_owned());
        }
        Ok(Parser {
            labels,
            moves,
            labeller,
        })
    }
}

/// A sentence for training: keys and (predicted) tags of its words, gold
/// heads and label numbers.
pub struct TrainingTree {
    pub words: Vec<WordKeys>,
    pub tags: Vec<u8>,
    pub heads: Vec<u32>,
    pub labels: Vec<u8>,
}

/// Trains the parser. From the second pass on, it follows its own
/// predictions (when they are not the oracle's) nine times in ten, so it
/// learns in the configurations its mistakes lead to.
pub fn train(
    trees: &[TrainingTree],
    labels: Vec<String>,
    epochs: usize,
    shuffle: &mut dyn FnMut(&mut [usize]),
    random: &mut dyn FnMut() -> f64,
) -> Parser {
    let mut moves = Trainer::new(MOVES);
    let mut labeller = Trainer::new(labels.len());
    let mut order: Vec<usize> = (0..trees.len()).collect();
    let mut features_buffer = Vec::with_capacity(128);
    let mut move_scores = [0.0f32; MOVES];
    let mut label_scores = vec![0.0f32; labels.len()];
    for epoch in 0..epochs {
        shuffle(&mut order);
        for &index in &order {
            let tree = &trees[index];
            let sentence = Sentence::new(&tree.words, &tree.tags);
            // Gold heads by position, the root at 0.
            let mut gold = Vec::with_capacity(tree.heads.len() + 1);
            gold.push(NONE);
            gold.extend_from_slice(&tree.heads);
            let mut state = State::new(tree.words.len());
            while !state.is_final() {
                move_features(&state, &sentence, &mut features_buffer);
                moves.scores(&features_buffer, &mut move_scores);
                let guess = best_valid(&state, &move_scores);
                let costs: Vec<u32> = (0..MOVES)
                    .map(|m| {
                        if state.valid(m) {
                            state.cost(m, &gold)
                        } else {
                            u32::MAX
                        }
                    })
                    .collect();
                let least = *costs.iter().min().unwrap();
                let mut best = usize::MAX;
                for m in 0..MOVES {
                    if costs[m] == least
                        && (best == usize::MAX || move_scores[m] > move_scores[best])
                    {
                        best = m;
                    }
                }
                moves.update(&features_buffer, best, guess);
                moves.tick();
                let follow = if costs[guess] == least || (epoch > 0 && random() < 0.9) {
                    guess
                } else {
                    best
                };
                let label = match state.arc(follow) {
                    Some((head, dependent)) => {
                        label_features(&state, &sentence, head, dependent, &mut features_buffer);
                        labeller.scores(&features_buffer, &mut label_scores);
                        let predicted = argmax(&label_scores);
                        if gold[dependent as usize] == head {
                            let truth = usize::from(tree.labels[dependent as usize - 1]);
                            labeller.update(&features_buffer, truth, predicted);
                            labeller.tick();
                            truth as u8
                        } else {
                            predicted as u8
                        }
                    }
                    None => 0,
                };
                state.apply(follow, label);
            }
        }
    }
    Parser {
        labels,
        moves: moves.average(),
        labeller: labeller.average(),
    }
}
