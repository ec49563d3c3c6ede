//! Pipelines built at once on many threads, rayon workers among them, in a process where
//! nothing is compiled yet. The built-in lists are compiled once per process by code that
//! uses rayon itself: a build must never wait on a lock its own thread holds, nor hold
//! one while waiting for rayon workers that wait on it. Before the lists were compiled
//! outside their lock, this test hung in about one run of seven.

use std::sync::mpsc;
use std::time::Duration;

use rayon::prelude::*;

#[test]
fn pipelines_built_at_once_from_rayon_jobs_and_threads_all_finish() {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        // Many workers make it likely that one waiting for its half of a join runs
        // another build's job meanwhile.
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(16)
            .build()
            .expect("a thread pool");
        let threads: Vec<_> = (0..3)
            .map(|_| std::thread::spawn(|| khabar::Pipeline::builtin().is_ok()))
            .collect();
        let jobs = pool.install(|| {
            (0..32)
                .into_par_iter()
                .filter(|_| khabar::Pipeline::builtin().is_ok())
                .count()
        });
        let threads = threads
            .into_iter()
            .filter_map(|t| t.join().ok())
            .filter(|&ok| ok)
            .count();
        let _ = tx.send((jobs, threads));
    });
    // A deadlock shows as no answer: fail instead of hanging the test run.
    let (jobs, threads) = rx
        .recv_timeout(Duration::from_secs(120))
        .expect("the pipelines were not all built within 120 s: a deadlock");
    assert_eq!((jobs, threads), (32, 3));
}
