//! Order Desk: the sales desk's tool for one-off AI platform professional services.
//!
//! The domain (price list, money, cart, orders, rules, store) lives in modules that never
//! touch the terminal; the command line and the terminal app sit on top of them.

pub mod cli;
pub mod desk;
pub mod document;
pub mod domain;
pub mod report;
pub mod store;
pub mod team;
pub mod tui;

/// The name of the logged-in user, the default sales rep.
pub fn login_name() -> String {
    ["USER", "LOGNAME", "USERNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()))
        .unwrap_or_else(|| "rep".to_string())
}

/// This machine's name, for telling a waiting desk who holds the lock.
pub fn host_name() -> String {
    std::fs::read_to_string("/etc/hostname")
        .ok()
        .or_else(|| std::env::var("HOSTNAME").ok())
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .map(|h| domain::text::clean(h.trim()).chars().take(64).collect())
        .filter(|h: &String| !h.is_empty())
        .unwrap_or_else(|| "unknown".into())
}

/// The default orders folder: the platform's data folder for Order Desk.
pub fn default_orders_dir() -> std::path::PathBuf {
    directories::ProjectDirs::from("", "", "order-desk")
        .map(|d| d.data_dir().join("orders"))
        .unwrap_or_else(|| std::path::PathBuf::from("orders"))
}
