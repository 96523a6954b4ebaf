//! Ordering an agenda so that members who must recuse step out and back in as few times as
//! possible.
//!
//! Each case has the set of members who must be outside for it. Walking the agenda from an
//! empty room back to an empty room, every member who steps out or comes back in counts one:
//! the cost between two cases is the size of the symmetric difference of their sets. That is a
//! metric, so cases with the same set are best kept together; the order of the distinct sets
//! is then a shortest round trip from the empty set, found exactly for up to 12 distinct sets
//! (Held-Karp) and by nearest neighbour improved with 2-opt beyond. Ties go to the order whose
//! groups were received first.

use std::collections::BTreeSet;

/// One case to place: its id, who must be outside, and its received date (sortable text).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub id: String,
    pub outside: BTreeSet<String>,
    pub received: String,
}

/// Exact search is used up to this many distinct non-empty sets.
pub const EXACT_LIMIT: usize = 12;

fn distance(a: &BTreeSet<String>, b: &BTreeSet<String>) -> usize {
    a.symmetric_difference(b).count()
}

/// Every change of who must be outside along `order`, from and back to an empty room.
pub fn cost(order: &[&BTreeSet<String>]) -> usize {
    let empty = BTreeSet::new();
    let mut prev = &empty;
    let mut total = 0;
    for s in order {
        total += distance(prev, s);
        prev = s;
    }
    total + distance(prev, &empty)
}

/// The agenda in its best order (ids), cases without recusals first.
pub fn order(items: &[Item]) -> Vec<String> {
    // Groups of identical sets, each in received order; groups keyed by their first date.
    let mut groups: Vec<(BTreeSet<String>, Vec<&Item>)> = Vec::new();
    let mut sorted: Vec<&Item> = items.iter().collect();
    sorted.sort_by(|a, b| (&a.received, &a.id).cmp(&(&b.received, &b.id)));
    for it in sorted {
        match groups.iter_mut().find(|(s, _)| *s == it.outside) {
            Some((_, g)) => g.push(it),
            None => groups.push((it.outside.clone(), vec![it])),
        }
    }
    let (free, rest): (Vec<_>, Vec<_>) = groups.into_iter().partition(|(s, _)| s.is_empty());
    let sets: Vec<&BTreeSet<String>> = rest.iter().map(|(s, _)| s).collect();
    let route = if sets.len() <= EXACT_LIMIT {
        exact(&sets)
    } else {
        heuristic(&sets)
    };
    let mut out: Vec<String> = free
        .iter()
        .flat_map(|(_, g)| g.iter().map(|i| i.id.clone()))
        .collect();
    for g in route {
        out.extend(rest[g].1.iter().map(|i| i.id.clone()));
    }
    out
}

/// A path found so far: its cost and the groups in order.
type Partial = (usize, Vec<usize>);

/// Held-Karp over the distinct sets: the cheapest path from the empty set through all of
/// them and back; among equals, the one that takes earlier-received groups first (groups are
/// indexed in received order, so the lexicographically smallest index sequence).
fn exact(sets: &[&BTreeSet<String>]) -> Vec<usize> {
    let n = sets.len();
    if n == 0 {
        return Vec::new();
    }
    let empty = BTreeSet::new();
    let full = (1usize << n) - 1;
    // best[mask][last] = (cost, path)
    let mut best: Vec<Vec<Option<Partial>>> = vec![vec![None; n]; 1 << n];
    for (i, s) in sets.iter().enumerate() {
        best[1 << i][i] = Some((distance(&empty, s), vec![i]));
    }
    for mask in 1..=full {
        for last in 0..n {
            let Some((c, path)) = best[mask][last].clone() else {
                continue;
            };
            for next in 0..n {
                if mask & (1 << next) != 0 {
                    continue;
                }
                let m2 = mask | (1 << next);
                let c2 = c + distance(sets[last], sets[next]);
                let mut p2 = path.clone();
                p2.push(next);
                let better = match &best[m2][next] {
                    None => true,
                    Some((bc, bp)) => (c2, &p2) < (*bc, bp),
                };
                if better {
                    best[m2][next] = Some((c2, p2));
                }
            }
        }
    }
    let mut winner: Option<(usize, Vec<usize>)> = None;
    for (last, entry) in best[full].iter().enumerate() {
        if let Some((c, p)) = entry {
            let total = c + distance(sets[last], &empty);
            let better = match &winner {
                None => true,
                Some((wc, wp)) => (total, p) < (*wc, wp),
            };
            if better {
                winner = Some((total, p.clone()));
            }
        }
    }
    winner.map(|(_, p)| p).unwrap_or_default()
}

/// Nearest neighbour from the empty set, then 2-opt until no reversal helps.
fn heuristic(sets: &[&BTreeSet<String>]) -> Vec<usize> {
    let empty = BTreeSet::new();
    let mut left: Vec<usize> = (0..sets.len()).collect();
    let mut route = Vec::new();
    let mut here: &BTreeSet<String> = &empty;
    while !left.is_empty() {
        let (k, _) = left
            .iter()
            .enumerate()
            .min_by_key(|(_, i)| (distance(here, sets[**i]), **i))
            .map(|(k, i)| (k, *i))
            .unwrap_or((0, 0));
        let i = left.remove(k);
        here = sets[i];
        route.push(i);
    }
    let total = |r: &[usize]| cost(&r.iter().map(|i| sets[*i]).collect::<Vec<_>>());
    let mut current = total(&route);
    let mut improved = true;
    while improved {
        improved = false;
        for a in 0..route.len() {
            for b in a + 1..route.len() {
                route[a..=b].reverse();
                let c = total(&route);
                if c < current {
                    current = c;
                    improved = true;
                } else {
                    route[a..=b].reverse();
                }
            }
        }
    }
    route
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: &str, outside: &[&str], received: &str) -> Item {
        Item {
            id: id.into(),
            outside: outside.iter().map(|s| s.to_string()).collect(),
            received: received.into(),
        }
    }

    fn sets_of<'a>(items: &'a [Item], order: &[String]) -> Vec<&'a BTreeSet<String>> {
        order
            .iter()
            .map(|id| &items.iter().find(|i| &i.id == id).expect("id").outside)
            .collect()
    }

    #[test]
    fn cases_with_the_same_recusals_are_kept_together() {
        let items = vec![
            item("a", &["zhang"], "2026-01-01"),
            item("b", &[], "2026-01-02"),
            item("c", &["zhang"], "2026-01-03"),
            item("d", &[], "2026-01-04"),
        ];
        let o = order(&items);
        assert_eq!(o, ["b", "d", "a", "c"]);
        // zhang steps out once and back once.
        assert_eq!(cost(&sets_of(&items, &o)), 2);
    }

    #[test]
    fn overlapping_sets_are_chained_through_their_common_member() {
        // {x}, {x,y}, {y}: the best walk is {x} -> {x,y} -> {y} (or reversed): 1+1+1+1 = 4.
        let items = vec![
            item("p", &["y"], "2026-01-01"),
            item("q", &["x"], "2026-01-02"),
            item("r", &["x", "y"], "2026-01-03"),
        ];
        let o = order(&items);
        assert_eq!(cost(&sets_of(&items, &o)), 4);
        assert_eq!(o[1], "r");
        // Ties by received date: p (received first) leads.
        assert_eq!(o, ["p", "r", "q"]);
    }

    #[test]
    fn the_exact_order_is_no_worse_than_any_permutation() {
        let items = vec![
            item("1", &["a", "b"], "2026-01-01"),
            item("2", &["c"], "2026-01-02"),
            item("3", &["a"], "2026-01-03"),
            item("4", &["b", "c"], "2026-01-04"),
            item("5", &["a", "c"], "2026-01-05"),
        ];
        let best = cost(&sets_of(&items, &order(&items)));
        let mut ids: Vec<String> = items.iter().map(|i| i.id.clone()).collect();
        // Heap's algorithm over all 120 orders.
        fn permute(k: usize, ids: &mut Vec<String>, f: &mut dyn FnMut(&[String])) {
            if k == 1 {
                f(ids);
                return;
            }
            for i in 0..k {
                permute(k - 1, ids, f);
                if k.is_multiple_of(2) {
                    ids.swap(i, k - 1);
                } else {
                    ids.swap(0, k - 1);
                }
            }
        }
        let n = ids.len();
        permute(n, &mut ids, &mut |p| {
            assert!(
                cost(&sets_of(&items, p)) >= best,
                "{p:?} beats the order found"
            );
        });
    }

    #[test]
    fn many_distinct_sets_use_the_heuristic_and_stay_reasonable() {
        let items: Vec<Item> = (0..20)
            .map(|i| {
                let m = format!("m{}", i % 7);
                let n = format!("m{}", (i * 3) % 7);
                item(
                    &format!("{i:02}"),
                    &[&m, &n],
                    &format!("2026-01-{:02}", i + 1),
                )
            })
            .collect();
        let o = order(&items);
        assert_eq!(o.len(), 20);
        let found = cost(&sets_of(&items, &o));
        let as_received = cost(&items.iter().map(|i| &i.outside).collect::<Vec<_>>());
        assert!(found <= as_received, "{found} > {as_received}");
    }
}
