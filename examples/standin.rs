//! A stand-in of the parliament's open-data service on loopback, serving N questions of
//! our own making (records and PDFs, fictional people), for trying `vraagbaak sync`
//! without the internet:
//!
//!     cargo run --example standin -- 300 &
//!     vraagbaak sync --api http://127.0.0.1:PORT --since 2023-01-01
//!
//! It prints its address, then serves until it is stopped.

#[allow(dead_code)]
#[path = "../tests/it/standin.rs"]
mod standin;

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(300);
    let first =
        time::Date::from_calendar_date(2023, time::Month::March, 1).unwrap_or(time::Date::MIN);
    let s = standin::StandIn::start(standin::Service::new(standin::items(n, first, 2)));
    println!("{}", s.base);
    loop {
        std::thread::sleep(std::time::Duration::from_secs(3600));
    }
}
