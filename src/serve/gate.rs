//! How many requests evaluate SPARQL at once: a counting gate with a short
//! queue, so that a burst of heavy queries takes at most `slots` workers
//! and the rest are told to come back (503 with `Retry-After`) instead of
//! piling up. A queued request waits at most the query timeout.
//!
//! A query past its deadline is cancelled, but Oxigraph can take many
//! seconds to notice (a cross product stops only once it has read on
//! through the store). Such a query may leave its slot for the rest of its
//! evaluation and wait among at most `slots` stopping queries, so that one
//! client repeating a pathological query cannot take every slot.

use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};

pub(super) struct Gate {
    slots: usize,
    queue: usize,
    wait_at_most: Duration,
    state: Mutex<State>,
    freed: Condvar,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct State {
    running: usize,
    waiting: usize,
    stopping: usize,
}

/// Why a request was turned away.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(super) enum Full {
    #[error(
        "the server is busy: its {slots} query slots are taken and {waiting} requests wait for one (--max-queries, --queue); retry shortly"
    )]
    Queue { slots: usize, waiting: usize },
    #[error("the server is busy: waited {0:?} for a query slot; retry shortly")]
    Waited(Duration),
}

/// A request inside the gate; the last clone to go frees what it holds (a
/// slot, or a place among the stopping queries).
pub(super) struct Pass {
    gate: Option<Arc<Gate>>,
    stopping: Mutex<bool>,
}

impl Drop for Pass {
    fn drop(&mut self) {
        if let Some(gate) = &self.gate {
            let stopping = *self.stopping.lock().unwrap_or_else(PoisonError::into_inner);
            let mut state = gate.lock();
            if stopping {
                state.stopping -= 1;
            } else {
                state.running -= 1;
                gate.freed.notify_one();
            }
        }
    }
}

impl Pass {
    /// Leaves the slot for the rest of a cancelled evaluation, if fewer
    /// than `slots` queries are stopping already; false when the pass must
    /// keep its slot.
    pub(super) fn stop(&self) -> bool {
        let Some(gate) = &self.gate else {
            return true;
        };
        let mut stopping = self.stopping.lock().unwrap_or_else(PoisonError::into_inner);
        if *stopping {
            return true;
        }
        let mut state = gate.lock();
        if state.stopping >= gate.slots {
            return false;
        }
        state.running -= 1;
        state.stopping += 1;
        *stopping = true;
        gate.freed.notify_one();
        true
    }
}

impl Gate {
    pub(super) fn new(slots: usize, queue: usize, wait_at_most: Duration) -> Gate {
        Gate {
            slots: slots.max(1),
            queue,
            wait_at_most,
            state: Mutex::new(State::default()),
            freed: Condvar::new(),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Lets a request in (at once when it `needs_slot` is false), makes it
    /// wait in the queue, or turns it away.
    pub(super) fn enter(self: &Arc<Self>, needs_slot: bool) -> Result<Arc<Pass>, Full> {
        let pass = |gate: Option<Arc<Gate>>| {
            Arc::new(Pass {
                gate,
                stopping: Mutex::new(false),
            })
        };
        if !needs_slot {
            return Ok(pass(None));
        }
        let mut state = self.lock();
        if state.running < self.slots {
            state.running += 1;
            return Ok(pass(Some(Arc::clone(self))));
        }
        if state.waiting >= self.queue {
            return Err(Full::Queue {
                slots: self.slots,
                waiting: state.waiting,
            });
        }
        state.waiting += 1;
        let deadline = Instant::now() + self.wait_at_most;
        while state.running >= self.slots {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                state.waiting -= 1;
                return Err(Full::Waited(self.wait_at_most));
            }
            state = self
                .freed
                .wait_timeout(state, left)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
        state.waiting -= 1;
        state.running += 1;
        Ok(pass(Some(Arc::clone(self))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn slots_then_the_queue_then_a_refusal() {
        let gate = Arc::new(Gate::new(2, 1, Duration::from_millis(50)));
        let first = gate.enter(true).unwrap();
        let _second = gate.enter(true).unwrap();
        let _page = gate.enter(false).expect("a request needing no slot passes");
        // The queue's one place: it waits, then gives up.
        assert_eq!(
            gate.enter(true).err(),
            Some(Full::Waited(Duration::from_millis(50)))
        );
        drop(first);
        let _third = gate.enter(true).expect("a freed slot is taken");
    }

    #[test]
    fn a_full_queue_turns_requests_away_and_a_freed_slot_lets_one_in() {
        let gate = Arc::new(Gate::new(1, 1, Duration::from_secs(10)));
        let running = gate.enter(true).unwrap();
        let waiter = {
            let gate = Arc::clone(&gate);
            std::thread::spawn(move || gate.enter(true).map(drop))
        };
        while gate.lock().waiting == 0 {
            std::thread::yield_now();
        }
        assert_eq!(
            gate.enter(true).err(),
            Some(Full::Queue {
                slots: 1,
                waiting: 1
            })
        );
        drop(running);
        assert_eq!(waiter.join().unwrap(), Ok(()));
        assert_eq!(*gate.lock(), State::default(), "every slot freed");
    }

    #[test]
    fn a_stopping_query_leaves_its_slot_while_fewer_than_slots_are_stopping() {
        let gate = Arc::new(Gate::new(1, 0, Duration::from_millis(10)));
        let first = gate.enter(true).unwrap();
        assert!(gate.enter(true).is_err(), "the one slot is taken");
        let evaluation = Arc::clone(&first);
        assert!(first.stop(), "the first stopping query leaves its slot");
        drop(first);
        let second = gate.enter(true).expect("the slot is free again");
        assert!(!second.stop(), "one query is stopping already");
        assert_eq!(
            *gate.lock(),
            State {
                running: 1,
                waiting: 0,
                stopping: 1
            }
        );
        drop(evaluation);
        assert!(second.stop(), "room among the stopping queries again");
        drop(second);
        assert_eq!(*gate.lock(), State::default(), "everything freed");
    }
}
