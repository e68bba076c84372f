//! Integration tests: temporary corpus -> index -> query -> compare.

mod accuracy;
mod analysis;
mod architecture;
mod browse;
mod browser;
mod cli;
mod crash;
mod dutch;
mod fixtures;
mod fuzz;
mod hostile;
mod incremental;
mod order;
mod parse;
mod pdf;
mod records;
mod research;
mod review;
mod search;
mod serve;
mod served;
mod standin;
mod statistics;
mod sync;
mod util;
mod vocabulary;
