//! Mapping a slice on every core, with the results in the slice's order.

/// `f` over `items`, split in one chunk per core (at most 8) when there are at least `min`
/// items, else on this thread. A chunk whose thread panicked gives `lost()` for each item,
/// so one bad file cannot take the others' results with it.
pub fn map<T, R>(
    items: &[T],
    min: usize,
    f: impl Fn(&T) -> R + Sync,
    lost: impl Fn() -> R,
) -> Vec<R>
where
    T: Sync,
    R: Send,
{
    // Asked once: on Linux the answer reads the cgroup's files each time.
    static THREADS: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    let threads = *THREADS.get_or_init(|| {
        std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(8)
    });
    map_on(threads, items, min, f, lost)
}

/// `map` on `threads` threads.
fn map_on<T, R>(
    threads: usize,
    items: &[T],
    min: usize,
    f: impl Fn(&T) -> R + Sync,
    lost: impl Fn() -> R,
) -> Vec<R>
where
    T: Sync,
    R: Send,
{
    if threads < 2 || items.len() < min.max(2) {
        return items.iter().map(f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|s| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| {
                (
                    part.len(),
                    s.spawn(move || part.iter().map(f).collect::<Vec<R>>()),
                )
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|(n, h)| {
                h.join()
                    .unwrap_or_else(|_| (0..n).map(|_| lost()).collect())
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_keep_the_order_of_the_items() {
        let items: Vec<u32> = (0..1000).collect();
        for threads in [1, 2, 3, 8] {
            let out = super::map_on(threads, &items, 4, |x| x * 2, || 0);
            assert_eq!(out, items.iter().map(|x| x * 2).collect::<Vec<_>>());
        }
    }

    #[test]
    fn a_panicking_chunk_gives_lost_for_its_items_only() {
        let items: Vec<u32> = (0..64).collect();
        // Two threads: items 0-31 on one, 32-63 on the other.
        let out = super::map_on(
            2,
            &items,
            4,
            |&x| {
                assert!(x != 5, "a bad item");
                Some(x)
            },
            || None,
        );
        assert_eq!(out.len(), 64);
        assert!(out[..32].iter().all(Option::is_none));
        assert_eq!(out[32..], (32..64).map(Some).collect::<Vec<_>>());
    }
}
