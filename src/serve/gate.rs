//! How many requests evaluate SPARQL at once: a counting gate with a short
//! queue, so that a burst of heavy queries takes at most `slots` workers
//! and the rest are told to come back (503 with `Retry-After`) instead of
//! piling up. A queued request waits at most the query timeout.

use std::sync::{Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};

pub(super) struct Gate {
    slots: usize,
    queue: usize,
    wait_at_most: Duration,
    /// (running, waiting).
    state: Mutex<(usize, usize)>,
    freed: Condvar,
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

/// A request inside the gate; leaving frees its slot.
pub(super) struct Pass<'g>(Option<&'g Gate>);

impl Drop for Pass<'_> {
    fn drop(&mut self) {
        if let Some(gate) = self.0 {
            let mut state = gate.state.lock().unwrap_or_else(PoisonError::into_inner);
            state.0 -= 1;
            gate.freed.notify_one();
        }
    }
}

impl Gate {
    pub(super) fn new(slots: usize, queue: usize, wait_at_most: Duration) -> Gate {
        Gate {
            slots: slots.max(1),
            queue,
            wait_at_most,
            state: Mutex::new((0, 0)),
            freed: Condvar::new(),
        }
    }

    /// Lets a request in (at once when it `needs_slot` is false), makes it
    /// wait in the queue, or turns it away.
    pub(super) fn enter(&self, needs_slot: bool) -> Result<Pass<'_>, Full> {
        if !needs_slot {
            return Ok(Pass(None));
        }
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        if state.0 < self.slots {
            state.0 += 1;
            return Ok(Pass(Some(self)));
        }
        if state.1 >= self.queue {
            return Err(Full::Queue {
                slots: self.slots,
                waiting: state.1,
            });
        }
        state.1 += 1;
        let deadline = Instant::now() + self.wait_at_most;
        while state.0 >= self.slots {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                state.1 -= 1;
                return Err(Full::Waited(self.wait_at_most));
            }
            state = self
                .freed
                .wait_timeout(state, left)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
        state.1 -= 1;
        state.0 += 1;
        Ok(Pass(Some(self)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn slots_then_the_queue_then_a_refusal() {
        let gate = Gate::new(2, 1, Duration::from_millis(50));
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
            std::thread::spawn(move || gate.enter(true).map(|_| ()))
        };
        while gate.state.lock().unwrap().1 == 0 {
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
        assert_eq!(*gate.state.lock().unwrap(), (0, 0), "every slot freed");
    }
}
