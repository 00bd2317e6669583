//! Answers to read queries, kept until the store changes: the presets and
//! the page ask the same few questions over and over, and a kept answer
//! costs a copy instead of an evaluation (and holds a query slot for
//! microseconds, so answers keep coming while long queries hold the rest).
//!
//! An answer is kept for the store it was computed on (a read-only server
//! that reopens its store after a build starts empty) and only when no
//! write ended while it was computed: each write through the server bumps
//! a generation once it is committed, and an answer computed across that
//! moment is not kept. Bounded in bytes, least recently used first out.

use std::sync::{Arc, Mutex, Weak};

use indexmap::IndexMap;
use oxigraph::io::RdfFormat;
use oxigraph::sparql::results::QueryResultsFormat;

use crate::store::GraphStore;

/// What an answer depends on besides the store: the query's text and the
/// negotiated formats (the timeout and result limit are the server's).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) struct Key {
    pub query: String,
    pub results: Option<QueryResultsFormat>,
    pub rdf: Option<RdfFormat>,
}

/// A kept answer.
#[derive(Debug)]
pub(super) struct Kept {
    pub media_type: &'static str,
    pub body: Vec<u8>,
    pub rows: usize,
}

/// What [`ResultCache::get`] found: the answer, or the ticket to keep one.
pub(super) enum Lookup {
    Hit(Arc<Kept>),
    Miss(Ticket),
}

/// When a missed answer began: keeping it needs the same store and no
/// write since.
pub(super) struct Ticket {
    store: Weak<GraphStore>,
    generation: u64,
}

#[derive(Debug)]
pub(super) struct ResultCache {
    /// The most bytes of answers kept; one answer may take an eighth.
    capacity: usize,
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    /// The store the answers are of. A weak reference keeps its allocation
    /// (so no other store can take its address) but lets it close.
    store: Weak<GraphStore>,
    generation: u64,
    /// Least recently used first.
    entries: IndexMap<Key, Arc<Kept>>,
    bytes: usize,
}

impl State {
    fn clear(&mut self) {
        self.entries.clear();
        self.bytes = 0;
    }
}

impl ResultCache {
    /// A cache of at most `capacity` bytes; 0 keeps nothing.
    pub fn new(capacity: usize) -> ResultCache {
        ResultCache {
            capacity,
            state: Mutex::new(State::default()),
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        // A panic elsewhere cannot leave the map half-changed: every
        // change below is made whole under the lock.
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    pub fn get(&self, store: &Arc<GraphStore>, key: &Key) -> Lookup {
        let mut state = self.state();
        let current = Arc::downgrade(store);
        if !Weak::ptr_eq(&state.store, &current) {
            state.clear();
            state.store = current.clone();
        }
        if let Some(index) = state.entries.get_index_of(key) {
            let last = state.entries.len() - 1;
            state.entries.move_index(index, last);
            return Lookup::Hit(Arc::clone(&state.entries[last]));
        }
        Lookup::Miss(Ticket {
            store: current,
            generation: state.generation,
        })
    }

    /// Keeps `kept` for `key` if it fits and nothing changed since `ticket`;
    /// whether it was kept.
    pub fn keep(&self, ticket: Ticket, key: Key, kept: Kept) -> bool {
        let size = kept.body.len() + key.query.len();
        if size > self.capacity / 8 {
            return false;
        }
        let mut state = self.state();
        if state.generation != ticket.generation || !Weak::ptr_eq(&state.store, &ticket.store) {
            return false;
        }
        if let Some(old) = state.entries.shift_remove(&key) {
            state.bytes -= old.body.len() + key.query.len();
        }
        while state.bytes + size > self.capacity {
            let Some((old_key, old)) = state.entries.shift_remove_index(0) else {
                break;
            };
            state.bytes -= old.body.len() + old_key.query.len();
        }
        state.bytes += size;
        state.entries.insert(key, Arc::new(kept));
        true
    }

    /// Forgets every answer: a write was committed.
    pub fn invalidate(&self) {
        let mut state = self.state();
        state.generation += 1;
        state.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(query: &str) -> Key {
        Key {
            query: query.to_owned(),
            results: Some(QueryResultsFormat::Csv),
            rdf: None,
        }
    }

    fn kept(bytes: usize) -> Kept {
        Kept {
            media_type: "text/csv",
            body: vec![b'x'; bytes],
            rows: 1,
        }
    }

    fn miss(cache: &ResultCache, store: &Arc<GraphStore>, query: &str) -> Ticket {
        match cache.get(store, &key(query)) {
            Lookup::Miss(ticket) => ticket,
            Lookup::Hit(_) => panic!("{query}: a hit, expected a miss"),
        }
    }

    #[test]
    fn answers_are_kept_per_store_until_a_write_and_the_least_recent_go_first() {
        let store = Arc::new(GraphStore::in_memory().unwrap());
        let cache = ResultCache::new(8 * 100);
        let ticket = miss(&cache, &store, "a");
        assert!(cache.keep(ticket, key("a"), kept(90)));
        assert!(matches!(cache.get(&store, &key("a")), Lookup::Hit(hit) if hit.body.len() == 90));
        // A different format is a different answer.
        let csv_only = Key {
            results: Some(QueryResultsFormat::Json),
            ..key("a")
        };
        assert!(matches!(cache.get(&store, &csv_only), Lookup::Miss(_)));
        // Too large for an eighth of the capacity.
        let ticket = miss(&cache, &store, "big");
        assert!(!cache.keep(ticket, key("big"), kept(100)));
        // Computed across a write: not kept.
        let ticket = miss(&cache, &store, "b");
        cache.invalidate();
        assert!(!cache.keep(ticket, key("b"), kept(10)));
        assert!(
            matches!(cache.get(&store, &key("a")), Lookup::Miss(_)),
            "a write forgets"
        );
        // Least recently used out first: fill, touch the first, add one.
        for name in ["1", "2", "3", "4", "5", "6", "7", "8"] {
            let ticket = miss(&cache, &store, name);
            assert!(cache.keep(ticket, key(name), kept(90)));
        }
        assert!(matches!(cache.get(&store, &key("1")), Lookup::Hit(_)));
        let ticket = miss(&cache, &store, "9");
        assert!(cache.keep(ticket, key("9"), kept(90)));
        assert!(matches!(cache.get(&store, &key("1")), Lookup::Hit(_)));
        assert!(
            matches!(cache.get(&store, &key("2")), Lookup::Miss(_)),
            "the least recent went"
        );
        // Another store (a reopened one) starts empty.
        let other = Arc::new(GraphStore::in_memory().unwrap());
        assert!(matches!(cache.get(&other, &key("1")), Lookup::Miss(_)));
        let stale = miss(&cache, &store, "1");
        let _ = cache.get(&other, &key("x"));
        assert!(
            !cache.keep(stale, key("1"), kept(10)),
            "an answer of the old store"
        );
    }

    #[test]
    fn a_zero_capacity_keeps_nothing() {
        let store = Arc::new(GraphStore::in_memory().unwrap());
        let cache = ResultCache::new(0);
        let ticket = miss(&cache, &store, "a");
        assert!(!cache.keep(ticket, key("a"), kept(0)));
    }
}
