//! One room per screen: each holds the key handling and the update of its screen (the queue,
//! the roll call, the case, finalizing). Drawing them is in `views`.

mod case;
mod finalize;
mod queue;
mod roll;
