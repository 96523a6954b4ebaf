//! What the queue of cases can be narrowed to and ordered by: named here, below both the
//! screen that offers them and the words that name them.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Filter {
    All,
    Pending,
    OnAgenda,
    Held,
    Incomplete,
    Decided,
    Deferred,
    UnderReview,
}

impl Filter {
    pub const ALL: [Filter; 8] = [
        Filter::All,
        Filter::Pending,
        Filter::OnAgenda,
        Filter::Held,
        Filter::Incomplete,
        Filter::Decided,
        Filter::Deferred,
        Filter::UnderReview,
    ];
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sort {
    Received,
    Id,
    Unit,
    Kind,
    /// By place on the agenda, then the rest by received date.
    Agenda,
}

impl Sort {
    pub const ALL: [Sort; 5] = [
        Sort::Received,
        Sort::Agenda,
        Sort::Id,
        Sort::Unit,
        Sort::Kind,
    ];
}
