//! The dependency parser: arc-hybrid transitions (shift, left, right) over
//! a stack and a buffer, scored by a linear model over rich non-local
//! features (Zhang and Nivre 2011) and searched with a beam: each partial
//! parse in the beam is extended by every valid move, and the `width` best
//! by the sum of their moves' scores go on. The model learns as a global
//! (structured) perceptron with max-violation updates (Huang, Fayong and
//! Guo 2012): the beam runs through the whole sentence, and at the step
//! where its best parse outscores the gold prefix by most, the weights move
//! toward the gold moves and away from that parse's. A second, local
//! perceptron labels each arc when it is made, when the dependent's subtree
//! is complete. The root is at the bottom of the stack and takes one
//! dependent, after the buffer is empty, so every tree has one root.

use rustc_hash::FxHashMap;

use super::perceptron::{Reader, Trainer, Weights, feature, mix, write_string};
use super::tagger::{Tagger, argmax};
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
    /// The Penn tag of each word, as the parser's own tagger gave it (for a
    /// parser without one, the tags it was handed).
    pub penn: Vec<u8>,
}

#[derive(Debug, Clone)]
pub struct Parser {
    labels: Vec<String>,
    /// Tags the words with Penn tags (XPOS), for the features. Models
    /// written before the parser had one (greedy, with sparse move weights)
    /// read without it, and their features see the UPOS tags in its place,
    /// which is what they were trained on.
    penn: Option<Tagger>,
    moves: MoveWeights,
    labeller: Weights,
    /// How many partial parses the search keeps at each step.
    beam_width: usize,
}

/// A parser configuration. Position 0 is the root; words are 1..=n.
#[derive(Debug, Clone)]
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

    /// Becomes a copy of `other`, reusing its own memory: the beam copies a
    /// configuration for every parse it keeps, at every step.
    fn copy_from(&mut self, other: &State) {
        self.stack.clone_from(&other.stack);
        self.next = other.next;
        self.words = other.words;
        self.heads.clone_from(&other.heads);
        self.labels.clone_from(&other.labels);
        self.left.clone_from(&other.left);
        self.right.clone_from(&other.right);
        self.left_count.clone_from(&other.left_count);
        self.right_count.clone_from(&other.right_count);
        self.left_labels.clone_from(&other.left_labels);
        self.right_labels.clone_from(&other.right_labels);
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

/// A sentence as the parser reads it: keys, Penn and UPOS tags per
/// position, the root at 0, and how many punctuation marks precede each
/// position.
struct Sentence<'w> {
    words: &'w [WordKeys],
    penn: &'w [u8],
    upos: &'w [u8],
    punctuation_before: Vec<u16>,
}

impl<'w> Sentence<'w> {
    fn new(words: &'w [WordKeys], penn: &'w [u8], upos: &'w [u8]) -> Sentence<'w> {
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
            penn,
            upos,
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

    /// The Penn tag, which the features use: it tells a past participle
    /// from a past tense and a possessive from a pronoun.
    fn tag(&self, position: u32) -> u64 {
        match position {
            NONE => NO_TAG,
            0 => ROOT_TAG,
            _ => u64::from(self.penn[position as usize - 1]),
        }
    }

    fn upos(&self, position: u32) -> u64 {
        match position {
            NONE => NO_TAG,
            0 => ROOT_TAG,
            _ => u64::from(self.upos[position as usize - 1]),
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
    let u = |p: u32| sentence.upos(p);
    out.push(feature(100, u(s0), u(b0), 0));
    out.push(feature(101, u(s1), u(s0), u(b0)));
    out.push(feature(102, u(s0), u(b0), u(b1)));
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

/// The move the gold side of training makes: the valid move that loses the
/// fewest gold arcs, an arc before a shift when they tie, so that a
/// projective tree is built as the static oracle builds it and a
/// non-projective one as nearly as arc-hybrid moves can.
fn oracle_move(state: &State, gold: &[u32]) -> usize {
    [LEFT, RIGHT, SHIFT]
        .into_iter()
        .filter(|&next_move| state.valid(next_move))
        .min_by_key(|&next_move| state.cost(next_move, gold))
        .expect("a configuration that is not final has a valid move")
}

/// A partial parse in the beam.
struct Hypothesis {
    state: State,
    /// The sum of its moves' scores.
    score: f32,
    /// Its last move's entry in [`BeamSearch::history`] (`NONE` before the
    /// first move).
    last: u32,
    /// Whether every move so far was the gold one (in training).
    gold: bool,
}

/// One move of one partial parse, linked to the move before it, so that
/// the parses in the beam share the moves they have in common.
#[derive(Debug, Clone, Copy)]
struct Step {
    before: u32,
    next_move: u8,
    label: u8,
}

/// A partial parse extended by a move, before the beam keeps it or not.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    score: f32,
    from: usize,
    next_move: usize,
}

/// Labels an arc (head, dependent) about to be made in a configuration,
/// given a buffer for the labeller's features.
type LabelChooser<'a> = dyn FnMut(&State, u32, u32, &mut Vec<u64>) -> u8 + 'a;

/// The beam and the memory it reuses from sentence to sentence.
struct BeamSearch {
    width: usize,
    beam: Vec<Hypothesis>,
    next_beam: Vec<Hypothesis>,
    /// Configurations of parses that fell out of the beam, to copy into.
    spare: Vec<State>,
    candidates: Vec<Candidate>,
    history: Vec<Step>,
    features: Vec<u64>,
}

impl BeamSearch {
    fn new(width: usize) -> BeamSearch {
        BeamSearch {
            width: width.max(1),
            beam: Vec::new(),
            next_beam: Vec::new(),
            spare: Vec::new(),
            candidates: Vec::new(),
            history: Vec::new(),
            features: Vec::with_capacity(128),
        }
    }

    fn start(&mut self, words: usize) {
        for hypothesis in self.beam.drain(..) {
            self.spare.push(hypothesis.state);
        }
        self.history.clear();
        let mut state = self.spare.pop().unwrap_or_else(|| State::new(0));
        state.copy_from(&State::new(words));
        self.beam.push(Hypothesis {
            state,
            score: 0.0,
            last: NONE,
            gold: true,
        });
    }

    /// Extends every parse in the beam by each valid move and keeps the
    /// best. `score_moves` scores a configuration's features; `choose_label`
    /// labels an arc (head, dependent) about to be made in a configuration;
    /// `gold_move`, in training, says which extension stays gold.
    fn advance(
        &mut self,
        sentence: &Sentence<'_>,
        score_moves: &dyn Fn(&[u64], &mut [f32]),
        choose_label: &mut LabelChooser<'_>,
        gold_move: Option<usize>,
    ) {
        self.candidates.clear();
        let mut move_scores = [0.0f32; MOVES];
        for (from, hypothesis) in self.beam.iter().enumerate() {
            move_features(&hypothesis.state, sentence, &mut self.features);
            score_moves(&self.features, &mut move_scores);
            for (next_move, move_score) in move_scores.iter().enumerate() {
                if hypothesis.state.valid(next_move) {
                    self.candidates.push(Candidate {
                        score: hypothesis.score + move_score,
                        from,
                        next_move,
                    });
                }
            }
        }
        // Best first; ties go to the earlier parse and move, so that the
        // same weights always give the same tree.
        self.candidates.sort_unstable_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then(a.from.cmp(&b.from))
                .then(a.next_move.cmp(&b.next_move))
        });
        self.candidates.truncate(self.width);
        for candidate in &self.candidates {
            let parent = &self.beam[candidate.from];
            let label = match parent.state.arc(candidate.next_move) {
                Some((head, dependent)) => {
                    choose_label(&parent.state, head, dependent, &mut self.features)
                }
                None => 0,
            };
            let mut state = self.spare.pop().unwrap_or_else(|| State::new(0));
            state.copy_from(&parent.state);
            state.apply(candidate.next_move, label);
            self.history.push(Step {
                before: parent.last,
                next_move: candidate.next_move as u8,
                label,
            });
            self.next_beam.push(Hypothesis {
                state,
                score: candidate.score,
                last: (self.history.len() - 1) as u32,
                gold: parent.gold && gold_move == Some(candidate.next_move),
            });
        }
        for hypothesis in self.beam.drain(..) {
            self.spare.push(hypothesis.state);
        }
        std::mem::swap(&mut self.beam, &mut self.next_beam);
    }

    /// The moves and labels that led to a history entry, first move first.
    fn moves_to(&self, last: u32) -> Vec<(usize, u8)> {
        let mut moves = Vec::new();
        let mut entry = last;
        while entry != NONE {
            let step = self.history[entry as usize];
            moves.push((usize::from(step.next_move), step.label));
            entry = step.before;
        }
        moves.reverse();
        moves
    }
}

/// The move model while it learns: weights of full precision and their
/// running sums for the average (kept lazily, as in [`Trainer`]). A
/// structured update adds to one move's weights on the gold side and takes
/// from another's on the predicted side, over different features, which
/// [`Trainer::update`] (from one class to another on the same features)
/// cannot express.
struct MoveTrainer {
    rows: FxHashMap<u64, u32>,
    keys: Vec<u64>,
    weights: Vec<[f32; MOVES]>,
    totals: Vec<[f64; MOVES]>,
    /// When each row's totals were last brought up to date.
    stamps: Vec<u32>,
    /// Sentences seen so far: the clock of the averaging.
    time: u32,
}

impl MoveTrainer {
    fn new() -> MoveTrainer {
        MoveTrainer {
            rows: FxHashMap::default(),
            keys: Vec::new(),
            weights: Vec::new(),
            totals: Vec::new(),
            stamps: Vec::new(),
            time: 0,
        }
    }

    fn scores(&self, features: &[u64], scores: &mut [f32]) {
        scores.fill(0.0);
        for key in features {
            if let Some(&row) = self.rows.get(key) {
                for (score, weight) in scores.iter_mut().zip(&self.weights[row as usize]) {
                    *score += weight;
                }
            }
        }
    }

    /// Adds `delta` to the weight of `next_move` on every feature.
    fn add(&mut self, features: &[u64], next_move: usize, delta: f32) {
        for &key in features {
            let fresh = self.keys.len() as u32;
            let row = *self.rows.entry(key).or_insert(fresh) as usize;
            if row == fresh as usize {
                self.keys.push(key);
                self.weights.push([0.0; MOVES]);
                self.totals.push([0.0; MOVES]);
                self.stamps.push(self.time);
            }
            let elapsed = f64::from(self.time - self.stamps[row]);
            for (total, &weight) in self.totals[row].iter_mut().zip(&self.weights[row]) {
                *total += elapsed * f64::from(weight);
            }
            self.stamps[row] = self.time;
            self.weights[row][next_move] += delta;
        }
    }

    fn tick(&mut self) {
        self.time += 1;
    }

    /// The averaged weights, frozen. Scores only rank moves and parses, so
    /// the averages are scaled to fill 16 bits. A feature whose weights all
    /// stay under a fortieth of the largest is left out: four features in
    /// five are, mostly ones updated once or twice, and on the development
    /// set the parser is as accurate without them (a twenty-fifth cost 0.7
    /// points of UAS).
    fn average(&self) -> MoveWeights {
        let time = f64::from(self.time.max(1));
        let averages: Vec<[f64; MOVES]> = (0..self.keys.len())
            .map(|row| {
                let elapsed = f64::from(self.time - self.stamps[row]);
                let mut average = [0.0; MOVES];
                for (class, slot) in average.iter_mut().enumerate() {
                    let weight = f64::from(self.weights[row][class]);
                    *slot = (self.totals[row][class] + elapsed * weight) / time;
                }
                average
            })
            .collect();
        let largest = averages
            .iter()
            .flatten()
            .fold(0.0f64, |largest, weight| largest.max(weight.abs()));
        let scale = if largest > 0.0 {
            f64::from(i16::MAX) / largest
        } else {
            1.0
        };
        let smallest_kept = f64::from(i16::MAX) / 40.0;
        let mut rows = FxHashMap::default();
        for (&key, average) in self.keys.iter().zip(&averages) {
            let weights = average.map(|weight| weight * scale);
            if weights.iter().any(|weight| weight.abs() >= smallest_kept) {
                rows.insert(key, weights.map(|weight| weight.round() as i16));
            }
        }
        MoveWeights { rows }
    }
}

/// The frozen move model: for each feature, the three moves' weights side
/// by side, so that scoring a feature is one look-up. (The tagger's and the
/// labeller's [`Weights`] keep only the classes a feature votes for, which
/// pays with tens of classes, not with three.)
#[derive(Debug, Clone)]
struct MoveWeights {
    rows: FxHashMap<u64, [i16; MOVES]>,
}

impl MoveWeights {
    fn scores(&self, features: &[u64], scores: &mut [f32]) {
        let mut sums = [0i32; MOVES];
        for key in features {
            if let Some(weights) = self.rows.get(key) {
                for (sum, &weight) in sums.iter_mut().zip(weights) {
                    *sum += i32::from(weight);
                }
            }
        }
        for (score, sum) in scores.iter_mut().zip(sums) {
            *score = sum as f32;
        }
    }

    /// Appends the number of features, their keys in ascending order, then
    /// the weights of each move in the keys' order (columns compress better
    /// than rows).
    fn write(&self, out: &mut Vec<u8>) {
        let mut keys: Vec<u64> = self.rows.keys().copied().collect();
        keys.sort_unstable();
        out.extend_from_slice(&(keys.len() as u32).to_le_bytes());
        for key in &keys {
            out.extend_from_slice(&key.to_le_bytes());
        }
        for next_move in 0..MOVES {
            for key in &keys {
                out.extend_from_slice(&self.rows[key][next_move].to_le_bytes());
            }
        }
    }

    fn read(input: &mut Reader<'_>) -> Result<MoveWeights, String> {
        let count = input.u32()? as usize;
        let keys = (0..count)
            .map(|_| input.u64())
            .collect::<Result<Vec<_>, _>>()?;
        let mut weights = vec![[0i16; MOVES]; count];
        for next_move in 0..MOVES {
            for row in &mut weights {
                row[next_move] = input.i16()?;
            }
        }
        Ok(MoveWeights {
            rows: keys.into_iter().zip(weights).collect(),
        })
    }

    /// Reads move weights as [`Weights::write`] wrote them for the greedy
    /// parser, after their class count: per feature its key, its entry
    /// count and its (move, weight) entries.
    fn read_sparse(classes: u32, input: &mut Reader<'_>) -> Result<MoveWeights, String> {
        if classes != MOVES as u32 {
            return Err(format!(
                "move weights of {classes} classes; a parser has {MOVES}"
            ));
        }
        let count = input.u32()?;
        let mut rows = FxHashMap::default();
        for _ in 0..count {
            let key = input.u64()?;
            let mut weights = [0i16; MOVES];
            for _ in 0..input.u8()? {
                let next_move = usize::from(input.u8()?);
                if next_move >= MOVES {
                    return Err(format!("move {next_move} of {MOVES}"));
                }
                weights[next_move] = input.i16()?;
            }
            rows.insert(key, weights);
        }
        Ok(MoveWeights { rows })
    }
}

impl Parser {
    /// The names of the Penn tags of [`Tree::penn`], when the parser has
    /// its own Penn tagger.
    pub fn penn_tags(&self) -> Option<&[String]> {
        self.penn.as_ref().map(Tagger::tags)
    }

    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// Searches with another beam: narrower is faster, the weights are the
    /// same (a model trained with a beam of 8 parses well with 4).
    pub fn set_beam_width(&mut self, width: usize) {
        self.beam_width = width.clamp(1, 256);
    }

    /// Parses one tagged sentence.
    pub fn parse(&self, words: &[WordKeys], tags: &[u8]) -> Tree {
        self.parse_with(words, tags, &[])
    }

    /// [`Parser::parse`], with some words' Penn tags given by name
    /// (`penn_given[i]`, where it is `Some`).
    pub fn parse_with(&self, words: &[WordKeys], tags: &[u8], penn_given: &[Option<&str>]) -> Tree {
        let penn = match &self.penn {
            Some(tagger) => {
                let given: Vec<Option<u8>> = penn_given
                    .iter()
                    .map(|name| name.and_then(|name| tagger.tag_index(name)))
                    .collect();
                tagger.tag_with(words, &given)
            }
            None => tags.to_vec(),
        };
        let sentence = Sentence::new(words, &penn, tags);
        let mut search = BeamSearch::new(self.beam_width);
        search.start(words.len());
        // Parses in the beam often make the same arc over the same
        // subtrees, so the labeller's answers are kept by their features.
        let mut labels_seen: FxHashMap<u64, u8> = FxHashMap::default();
        let mut label_scores = [0.0f32; 64];
        let label_scores = &mut label_scores[..self.labels.len()];
        // Every word is shifted once and attached once.
        for _ in 0..2 * words.len() {
            search.advance(
                &sentence,
                &|features, scores| self.moves.scores(features, scores),
                &mut |state, head, dependent, features| {
                    label_features(state, &sentence, head, dependent, features);
                    let key = features.iter().fold(0, |key, &feature| mix(key, feature));
                    *labels_seen.entry(key).or_insert_with(|| {
                        self.labeller.scores(features, label_scores);
                        argmax(label_scores) as u8
                    })
                },
                None,
            );
        }
        let best = &search.beam[0].state;
        debug_assert!(best.is_final(), "2n moves parse n words");
        Tree {
            heads: best.heads[1..].to_vec(),
            labels: best.labels[1..].to_vec(),
            penn,
        }
    }

    pub fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&(self.labels.len() as u32).to_le_bytes());
        for label in &self.labels {
            write_string(out, label);
        }
        // Where the older layout gave its move weights' class count.
        out.extend_from_slice(&0u32.to_le_bytes());
        match &self.penn {
            Some(tagger) => {
                out.push(1);
                tagger.write(out);
            }
            None => out.push(0),
        }
        self.moves.write(out);
        self.labeller.write(out);
        out.extend_from_slice(&(self.beam_width as u32).to_le_bytes());
    }

    pub fn read(input: &mut Reader<'_>) -> Result<Parser, String> {
        let count = input.u32()? as usize;
        if count == 0 || count > 64 {
            return Err(format!("{count} labels; a parser has 1 to 64"));
        }
        let labels = (0..count)
            .map(|_| input.string())
            .collect::<Result<Vec<_>, _>>()?;
        let move_classes = input.u32()?;
        if move_classes != 0 {
            // The older layout: greedy, sparse move weights, no Penn tagger.
            let moves = MoveWeights::read_sparse(move_classes, input)?;
            let labeller = Weights::read(input)?;
            if labeller.classes() != labels.len() {
                return Err("a labeller that does not fit the parser's labels".to_owned());
            }
            return Ok(Parser {
                labels,
                penn: None,
                moves,
                labeller,
                beam_width: 1,
            });
        }
        let penn = match input.u8()? {
            0 => None,
            _ => Some(Tagger::read(input)?),
        };
        let moves = MoveWeights::read(input)?;
        let labeller = Weights::read(input)?;
        if labeller.classes() != labels.len() {
            return Err("a labeller that does not fit the parser's labels".to_owned());
        }
        let beam_width = input.u32()? as usize;
        if !(1..=256).contains(&beam_width) {
            return Err(format!("a beam of {beam_width}; a parser has 1 to 256"));
        }
        Ok(Parser {
            labels,
            penn,
            moves,
            labeller,
            beam_width,
        })
    }
}

/// A sentence for training: keys and (predicted) UPOS and Penn tags of its
/// words, gold heads and label numbers.
pub struct TrainingTree {
    pub words: Vec<WordKeys>,
    pub tags: Vec<u8>,
    pub penn: Vec<u8>,
    pub heads: Vec<u32>,
    pub labels: Vec<u8>,
}

/// Trains the parser with a beam of `beam_width` for `epochs` passes over
/// `trees`, in the order `shuffle` gives each pass. The labeller learns on
/// the gold moves' configurations. Arcs are labelled by the labeller as it
/// is, on both sides and right arcs too, so that the move model learns
/// from labels as wrong as it will see (labelling right arcs with their
/// gold labels instead did no better on the development set).
pub fn train(
    trees: &[TrainingTree],
    labels: Vec<String>,
    penn: Tagger,
    epochs: usize,
    beam_width: usize,
    shuffle: &mut dyn FnMut(&mut [usize]),
) -> Parser {
    let mut moves = MoveTrainer::new();
    let mut labeller = Trainer::new(labels.len());
    let mut search = BeamSearch::new(beam_width);
    let mut order: Vec<usize> = (0..trees.len()).collect();
    let mut features_buffer = Vec::with_capacity(128);
    let mut move_scores = [0.0f32; MOVES];
    let mut label_scores = vec![0.0f32; labels.len()];
    // The gold side's features and moves, step by step.
    let mut gold_features: Vec<u64> = Vec::new();
    let mut gold_starts: Vec<usize> = Vec::new();
    let mut gold_moves: Vec<usize> = Vec::new();
    let mut label_buffer = Vec::with_capacity(64);
    for _ in 0..epochs {
        shuffle(&mut order);
        for &index in &order {
            let tree = &trees[index];
            let sentence = Sentence::new(&tree.words, &tree.penn, &tree.tags);
            // Gold heads by position, the root at 0.
            let mut gold = Vec::with_capacity(tree.heads.len() + 1);
            gold.push(NONE);
            gold.extend_from_slice(&tree.heads);
            let gold_label = |dependent: u32| tree.labels[dependent as usize - 1];
            let mut gold_state = State::new(tree.words.len());
            let mut gold_score = 0.0f32;
            gold_features.clear();
            gold_starts.clear();
            gold_moves.clear();
            search.start(tree.words.len());
            // The largest violation so far: by how much the beam's best
            // parse outscored the gold prefix, at which step, and that
            // parse's last move.
            let mut worst: Option<(f32, usize, u32)> = None;
            for step in 0..2 * tree.words.len() {
                move_features(&gold_state, &sentence, &mut features_buffer);
                moves.scores(&features_buffer, &mut move_scores);
                let gold_move = oracle_move(&gold_state, &gold);
                gold_score += move_scores[gold_move];
                gold_starts.push(gold_features.len());
                gold_features.extend_from_slice(&features_buffer);
                gold_moves.push(gold_move);
                // The labeller learns after the beam has moved, so that the
                // beam's gold parse labels its arcs as the gold side did.
                let mut lesson = None;
                let label = match gold_state.arc(gold_move) {
                    Some((head, dependent)) => {
                        label_features(&gold_state, &sentence, head, dependent, &mut label_buffer);
                        labeller.scores(&label_buffer, &mut label_scores);
                        let predicted = argmax(&label_scores);
                        if gold[dependent as usize] == head {
                            let truth = gold_label(dependent);
                            lesson = Some((usize::from(truth), predicted));
                        }
                        predicted as u8
                    }
                    None => 0,
                };
                gold_state.apply(gold_move, label);
                search.advance(
                    &sentence,
                    &|features, scores| moves.scores(features, scores),
                    &mut |state, head, dependent, features| {
                        label_features(state, &sentence, head, dependent, features);
                        labeller.scores(features, &mut label_scores);
                        argmax(&label_scores) as u8
                    },
                    Some(gold_move),
                );
                if let Some((truth, predicted)) = lesson {
                    labeller.update(&label_buffer, truth, predicted);
                    labeller.tick();
                }
                let best = &search.beam[0];
                if !best.gold {
                    let violation = best.score - gold_score;
                    if worst.is_none_or(|(largest, _, _)| violation > largest) {
                        worst = Some((violation, step, best.last));
                    }
                }
            }
            if let Some((_, step, last)) = worst {
                let predicted = search.moves_to(last);
                debug_assert_eq!(predicted.len(), step + 1, "a move per step");
                // The prefix both sides share cancels out.
                let shared = (0..=step)
                    .find(|&at| predicted[at].0 != gold_moves[at])
                    .unwrap_or(step + 1);
                let mut state = State::new(tree.words.len());
                for (at, &(next_move, label)) in predicted.iter().enumerate() {
                    if at >= shared {
                        move_features(&state, &sentence, &mut features_buffer);
                        moves.add(&features_buffer, next_move, -1.0);
                        let start = gold_starts[at];
                        let end = gold_starts
                            .get(at + 1)
                            .copied()
                            .unwrap_or(gold_features.len());
                        moves.add(&gold_features[start..end], gold_moves[at], 1.0);
                    }
                    state.apply(next_move, label);
                }
            }
            moves.tick();
        }
    }
    Parser {
        labels,
        penn: Some(penn),
        moves: moves.average(),
        labeller: labeller.average(),
        beam_width: search.width,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::tagger::{self, TaggedSentence};

    /// Three small trees (heads 1-based, 0 the root), one of them
    /// non-projective, with one tag set standing in for both tag columns.
    fn toy_trees() -> Vec<TrainingTree> {
        let sentences: [(&str, &[u8], &[u32]); 3] = [
            (
                "the army shelled the town",
                &[0, 1, 2, 0, 1],
                &[2, 3, 0, 5, 3],
            ),
            (
                "rebels took the city at dawn",
                &[1, 2, 0, 1, 3, 1],
                &[2, 0, 4, 2, 6, 2],
            ),
            (
                "a man came who said no",
                &[0, 1, 2, 0, 2, 1],
                &[2, 3, 0, 5, 2, 5],
            ),
        ];
        sentences
            .iter()
            .map(|(text, tags, heads)| TrainingTree {
                words: text.split(' ').map(WordKeys::of).collect(),
                tags: tags.to_vec(),
                penn: tags.to_vec(),
                heads: heads.to_vec(),
                labels: heads.iter().map(|&head| u8::from(head == 0)).collect(),
            })
            .collect()
    }

    fn toy_parser(trees: &[TrainingTree]) -> Parser {
        let tagged: Vec<TaggedSentence> = trees
            .iter()
            .map(|tree| TaggedSentence {
                words: tree.words.clone(),
                tags: tree.penn.clone(),
            })
            .collect();
        let forms = vec![Vec::new(); trees.len()];
        let tag_names = vec![
            "DT".to_owned(),
            "NN".to_owned(),
            "VB".to_owned(),
            "IN".to_owned(),
        ];
        let penn = tagger::train(tag_names, &tagged, &forms, 5, &mut |_| {});
        let labels = vec!["dep".to_owned(), "root".to_owned()];
        train(trees, labels, penn, 10, 4, &mut |order| order.reverse())
    }

    #[test]
    fn learns_the_trees_it_is_trained_on() {
        let trees = toy_trees();
        let parser = toy_parser(&trees);
        for tree in &trees[..2] {
            let parsed = parser.parse(&tree.words, &tree.tags);
            assert_eq!(parsed.heads, tree.heads);
            assert_eq!(parsed.labels, tree.labels);
        }
        // The non-projective tree cannot be built; it still gets one root
        // and a head for every word.
        let parsed = parser.parse(&trees[2].words, &trees[2].tags);
        assert_eq!(parsed.heads.iter().filter(|&&head| head == 0).count(), 1);
        assert!(
            parsed
                .heads
                .iter()
                .all(|&head| head as usize <= trees[2].words.len())
        );
    }

    #[test]
    fn training_twice_gives_the_same_bytes_and_they_read_back() {
        let trees = toy_trees();
        let mut first = Vec::new();
        toy_parser(&trees).write(&mut first);
        let mut second = Vec::new();
        toy_parser(&trees).write(&mut second);
        assert_eq!(first, second, "the same data and order, the same model");
        let read = Parser::read(&mut Reader::new(&first)).expect("a parser just written");
        let mut again = Vec::new();
        read.write(&mut again);
        assert_eq!(first, again, "a parser read back writes the same bytes");
        for cut in [0, 4, first.len() / 2, first.len() - 1] {
            assert!(
                Parser::read(&mut Reader::new(&first[..cut])).is_err(),
                "cut at {cut}"
            );
        }
    }
}
