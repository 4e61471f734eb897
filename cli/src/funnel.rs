//! `salesplan funnel`: the reverse funnel from a revenue target.

use std::process::ExitCode;

use rust_decimal::Decimal;
use salesplan::units::format_amount_auto;

/// Reads each input as an amount (万/亿 and grouping allowed) and prints
/// what the target takes; exit status 2 for an unreadable or out-of-range
/// input.
pub(crate) fn run(target: &str, deal_size: &str, win_rate: &str, lead_rate: &str) -> ExitCode {
    match funnel(target, deal_size, win_rate, lead_rate) {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("salesplan: {message}");
            ExitCode::from(2)
        }
    }
}

fn read(name: &str, text: &str) -> Result<Decimal, String> {
    salesplan::parse_amount(text).map_err(|e| format!("--{name}: {e}"))
}

fn funnel(
    target: &str,
    deal_size: &str,
    win_rate: &str,
    lead_rate: &str,
) -> Result<String, String> {
    let target = read("target", target)?;
    let deal_size = read("deal-size", deal_size)?;
    let win_rate = read("win-rate", win_rate)?;
    let lead_rate = read("lead-rate", lead_rate)?;
    let f = salesplan::funnel::reverse_funnel(target, deal_size, win_rate, lead_rate)
        .map_err(|e| e.to_string())?;
    let pct = |r: Decimal| format!("{}%", (r * Decimal::ONE_HUNDRED).normalize());
    Ok(format!(
        "target          {} ({target})\n\
         deal size       {} ({deal_size})\n\
         won deals       {}\n\
         opportunities   {}  (win rate {})\n\
         leads           {}  (lead → opportunity {})\n",
        format_amount_auto(target),
        format_amount_auto(deal_size),
        f.deals,
        f.opportunities,
        pct(win_rate),
        f.leads,
        pct(lead_rate),
    ))
}
