//! Every integration test in one binary, as ripgrep and helix do: each file below is a
//! module, so the whole app is linked once instead of once per file. The crash test
//! (`crash.rs`) keeps its own binary: it is also the save loop it kills.

mod binary;
mod common;
#[path = "../benches/common/sample.rs"]
#[allow(dead_code)] // each user of the fixtures takes a part of them
mod sample;

mod architecture;
mod bounded_templates;
mod cli;
mod cli_customers;
mod cli_lists;
mod cli_pricelist;
mod cli_quotes;
mod cli_report;
mod cli_report_quotes;
mod concurrency;
mod damaged;
mod desk_parity;
mod document_scripts;
mod documents;
mod durability;
mod formats;
mod hostile;
mod look_alike_customers;
mod pricelist_import;
mod pricelist_props;
mod quote_accept_crash;
mod quote_report_props;
mod quote_revisions;
mod references;
mod regions;
mod reload_delta;
mod report_props;
mod shared_folders;
mod snapshot_lint;
mod summary_cache;
mod team;
mod team_race;
mod team_random;
mod terms;
mod time_zones;
mod tmux_week;
mod tui_batch;
mod tui_confirm;
mod tui_customers;
mod tui_export;
mod tui_find;
mod tui_followups;
mod tui_input;
mod tui_keys;
mod tui_layout;
mod tui_list_csv;
mod tui_lists;
mod tui_messages;
mod tui_money;
mod tui_mouse;
mod tui_orders_view;
mod tui_palette;
mod tui_pty;
mod tui_quotes;
mod tui_region_detail;
mod tui_reports;
mod tui_screens;
mod tui_script;
mod tui_team;
mod tui_week;
