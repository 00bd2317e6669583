//! The averaged perceptron behind the tagger and the parser: features are
//! 64-bit keys (hashes of a template and its values), classes small
//! integers. [`Trainer`] learns with lazy averaging; [`Weights`] is the
//! frozen, sparse model the pipeline scores with. Owns feature hashing and
//! the weights' bytes; knows nothing of words or trees.

use rustc_hash::FxHashMap;

/// Mixes a value into a feature key (the splitmix64 finaliser): keys of
/// different templates and values are, for all practical purposes, distinct.
#[inline]
pub fn mix(key: u64, value: u64) -> u64 {
    let mut z = (key ^ value).wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A string's key (FNV-1a, then mixed), for words, suffixes and shapes.
pub fn hash_str(text: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    mix(hash, 0x5157_4f52_4453)
}

/// A feature key from a template number and up to three values.
#[inline]
pub fn feature(template: u64, a: u64, b: u64, c: u64) -> u64 {
    mix(
        mix(mix(template.wrapping_mul(0x2545_f491_4f6c_dd1d), a), b),
        c,
    )
}

/// Learns weights; `average` freezes them.
#[derive(Debug, Clone)]
pub struct Trainer {
    classes: usize,
    rows: FxHashMap<u64, u32>,
    keys: Vec<u64>,
    weights: Vec<f32>,
    totals: Vec<f64>,
    stamps: Vec<u32>,
    /// Instances seen so far: the clock of the averaging.
    time: u32,
}

impl Trainer {
    pub fn new(classes: usize) -> Trainer {
        Trainer {
            classes,
            rows: FxHashMap::default(),
            keys: Vec::new(),
            weights: Vec::new(),
            totals: Vec::new(),
            stamps: Vec::new(),
            time: 0,
        }
    }

    /// Scores every class with the current (not averaged) weights.
    pub fn scores(&self, features: &[u64], scores: &mut [f32]) {
        scores.fill(0.0);
        for key in features {
            if let Some(&row) = self.rows.get(key) {
                let row = row as usize * self.classes;
                for (score, weight) in scores
                    .iter_mut()
                    .zip(&self.weights[row..row + self.classes])
                {
                    *score += weight;
                }
            }
        }
    }

    /// One instance seen; call once per decision, updated or not.
    pub fn tick(&mut self) {
        self.time += 1;
    }

    /// Moves weight from `guess` to `truth` on every feature.
    pub fn update(&mut self, features: &[u64], truth: usize, guess: usize) {
        if truth == guess {
            return;
        }
        for &key in features {
            let row = self.row(key);
            self.add(row + truth, 1.0);
            self.add(row + guess, -1.0);
        }
    }

    fn row(&mut self, key: u64) -> usize {
        let next = self.keys.len() as u32;
        let row = *self.rows.entry(key).or_insert(next);
        if row == next {
            self.keys.push(key);
            let size = self.weights.len() + self.classes;
            self.weights.resize(size, 0.0);
            self.totals.resize(size, 0.0);
            self.stamps.resize(size, 0);
        }
        row as usize * self.classes
    }

    fn add(&mut self, slot: usize, delta: f32) {
        let elapsed = self.time - self.stamps[slot];
        self.totals[slot] += f64::from(elapsed) * f64::from(self.weights[slot]);
        self.stamps[slot] = self.time;
        self.weights[slot] += delta;
    }

    /// The averaged weights, keeping only those that are not (nearly) zero.
    pub fn average(&self) -> Weights {
        let time = f64::from(self.time.max(1));
        let mut order: Vec<usize> = (0..self.keys.len()).collect();
        order.sort_unstable_by_key(|&row| self.keys[row]);
        let mut weights = Weights {
            classes: self.classes,
            rows: FxHashMap::default(),
            keys: Vec::new(),
            starts: vec![0],
            entries: Vec::new(),
        };
        for row in order {
            let before = weights.entries.len();
            for class in 0..self.classes {
                let slot = row * self.classes + class;
                let elapsed = self.time - self.stamps[slot];
                let total = self.totals[slot] + f64::from(elapsed) * f64::from(self.weights[slot]);
                let average = (total / time) as f32;
                let quantized = quantize(average);
                if quantized != 0 {
                    weights.entries.push((class as u8, quantized));
                }
            }
            if weights.entries.len() > before {
                weights.keys.push(self.keys[row]);
                weights.starts.push(weights.entries.len() as u32);
            }
        }
        weights.index();
        weights
    }
}

/// Weights are stored as 16-bit integers in units of 1/1024: the perceptron's
/// averages need no more precision, and the model is half the size.
const SCALE: f32 = 1024.0;

fn quantize(weight: f32) -> i16 {
    (weight * SCALE)
        .round()
        .clamp(f32::from(i16::MIN), f32::from(i16::MAX)) as i16
}

/// Frozen weights: for each feature key, the classes it votes for.
#[derive(Debug, Clone)]
pub struct Weights {
    classes: usize,
    rows: FxHashMap<u64, u32>,
    keys: Vec<u64>,
    starts: Vec<u32>,
    entries: Vec<(u8, i16)>,
}

impl Weights {
    pub fn classes(&self) -> usize {
        self.classes
    }

    fn index(&mut self) {
        self.rows = self
            .keys
            .iter()
            .enumerate()
            .map(|(row, &key)| (key, row as u32))
            .collect();
    }

    /// Scores every class; `scores` has one slot per class.
    pub fn scores(&self, features: &[u64], scores: &mut [f32]) {
        debug_assert_eq!(scores.len(), self.classes, "one score per class");
        let mut sums = [0i32; 64];
        for key in features {
            if let Some(&row) = self.rows.get(key) {
                let row = row as usize;
                let range = self.starts[row] as usize..self.starts[row + 1] as usize;
                for &(class, weight) in &self.entries[range] {
                    sums[class as usize] += i32::from(weight);
                }
            }
        }
        for (score, sum) in scores.iter_mut().zip(sums) {
            *score = sum as f32 / SCALE;
        }
    }

    /// Appends the weights' bytes: classes, features, then per feature its
    /// key, its entry count and its entries.
    pub fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&(self.classes as u32).to_le_bytes());
        out.extend_from_slice(&(self.keys.len() as u32).to_le_bytes());
        for (row, key) in self.keys.iter().enumerate() {
            let range = self.starts[row] as usize..self.starts[row + 1] as usize;
            out.extend_from_slice(&key.to_le_bytes());
            out.push(range.len() as u8);
            for &(class, weight) in &self.entries[range] {
                out.push(class);
                out.extend_from_slice(&weight.to_le_bytes());
            }
        }
    }

    /// Reads what [`Weights::write`] wrote, advancing `input`.
    pub fn read(input: &mut Reader<'_>) -> Result<Weights, String> {
        let classes = input.u32()? as usize;
        if classes == 0 || classes > 64 {
            return Err(format!("{classes} classes; a model has 1 to 64"));
        }
        let count = input.u32()? as usize;
        let mut weights = Weights {
            classes,
            rows: FxHashMap::default(),
            keys: Vec::with_capacity(count.min(1 << 24)),
            starts: Vec::with_capacity(count.min(1 << 24) + 1),
            entries: Vec::new(),
        };
        weights.starts.push(0);
        for _ in 0..count {
            weights.keys.push(input.u64()?);
            let entries = input.u8()?;
            for _ in 0..entries {
                let class = input.u8()?;
                if usize::from(class) >= classes {
                    return Err(format!("class {class} of {classes}"));
                }
                weights.entries.push((class, input.i16()?));
            }
            weights.starts.push(weights.entries.len() as u32);
        }
        weights.index();
        Ok(weights)
    }
}

/// Reads little-endian numbers and strings from a model's bytes.
#[derive(Debug)]
pub struct Reader<'b> {
    bytes: &'b [u8],
    offset: usize,
}

impl<'b> Reader<'b> {
    pub fn new(bytes: &'b [u8]) -> Reader<'b> {
        Reader { bytes, offset: 0 }
    }

    pub fn offset(&self) -> usize {
        self.offset
    }

    pub fn is_at_end(&self) -> bool {
        self.offset == self.bytes.len()
    }

    fn take(&mut self, count: usize) -> Result<&'b [u8], String> {
        let end = self
            .offset
            .checked_add(count)
            .filter(|&end| end <= self.bytes.len())
            .ok_or_else(|| format!("ends at byte {} inside a field", self.bytes.len()))?;
        let piece = &self.bytes[self.offset..end];
        self.offset = end;
        Ok(piece)
    }

    pub fn u8(&mut self) -> Result<u8, String> {
        Ok(self.take(1)?[0])
    }

    pub fn i16(&mut self) -> Result<i16, String> {
        Ok(i16::from_le_bytes(self.take(2)?.try_into().unwrap()))
    }

    pub fn u32(&mut self) -> Result<u32, String> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into().unwrap()))
    }

    pub fn u64(&mut self) -> Result<u64, String> {
        Ok(u64::from_le_bytes(self.take(8)?.try_into().unwrap()))
    }

    pub fn string(&mut self) -> Result<String, String> {
        let length = self.u32()? as usize;
        let bytes = self.take(length)?;
        String::from_utf8(bytes.to_vec()).map_err(|_| "a name that is not UTF-8".to_owned())
    }
}

/// Appends a string as its length and bytes.
pub fn write_string(out: &mut Vec<u8>, text: &str) {
    out.extend_from_slice(&(text.len() as u32).to_le_bytes());
    out.extend_from_slice(text.as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_separable_problem_and_survives_a_round_trip() {
        // Class 0 when feature 1 fires, class 1 when feature 2 fires.
        let mut trainer = Trainer::new(2);
        let mut scores = [0.0; 2];
        for _ in 0..5 {
            for (features, truth) in [([1u64, 9], 0usize), ([2, 9], 1)] {
                trainer.scores(&features, &mut scores);
                let guess = usize::from(scores[1] > scores[0]);
                trainer.update(&features, truth, guess);
                trainer.tick();
            }
        }
        let weights = trainer.average();
        let mut bytes = Vec::new();
        weights.write(&mut bytes);
        let read = Weights::read(&mut Reader::new(&bytes)).unwrap();
        for (features, truth) in [([1u64, 9], 0usize), ([2, 9], 1)] {
            read.scores(&features, &mut scores);
            let guess = usize::from(scores[1] > scores[0]);
            assert_eq!(guess, truth, "scores {scores:?}");
        }
        let mut again = Vec::new();
        read.write(&mut again);
        assert_eq!(bytes, again, "the same weights, the same bytes");
    }

    #[test]
    fn truncated_weights_are_an_error_not_a_panic() {
        let mut trainer = Trainer::new(3);
        trainer.update(&[7], 1, 2);
        trainer.tick();
        let mut bytes = Vec::new();
        trainer.average().write(&mut bytes);
        for cut in 0..bytes.len() {
            assert!(Weights::read(&mut Reader::new(&bytes[..cut])).is_err());
        }
    }
}
