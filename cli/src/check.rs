//! `salesplan check`: diagnostics for plan files.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use salesplan::{Diagnostic, Plan, Severity};
use serde_json::{json, Value};

use crate::Format;

/// What became of one file.
enum Outcome {
    Checked(Vec<Diagnostic>),
    Unreadable {
        code: &'static str,
        path: Option<String>,
        message: String,
    },
}

fn check_file(file: &Path) -> Outcome {
    let text = match std::fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) => {
            return Outcome::Unreadable {
                code: "io",
                path: None,
                message: e.to_string(),
            }
        }
    };
    match Plan::from_json(&text) {
        Ok(plan) => Outcome::Checked(plan.validate()),
        Err(e) => Outcome::Unreadable {
            code: e.code(),
            path: e.path().map(str::to_owned),
            message: e.to_string(),
        },
    }
}

pub(crate) fn run(files: &[PathBuf], format: Format) -> ExitCode {
    let mut any_error = false;
    let mut any_unreadable = false;
    let mut json_out: Vec<Value> = Vec::new();
    for file in files {
        let name = file.display().to_string();
        match check_file(file) {
            Outcome::Checked(diagnostics) => {
                any_error |= salesplan::validate::has_errors(&diagnostics);
                match format {
                    Format::Human => print_human(&name, &diagnostics),
                    Format::Json => json_out.extend(diagnostics.iter().map(|d| {
                        json!({"file": name, "severity": d.severity, "code": d.code, "path": d.path, "message": d.message})
                    })),
                }
            }
            Outcome::Unreadable {
                code,
                path,
                message,
            } => {
                any_unreadable = true;
                match format {
                    Format::Human => eprintln!("{name}: cannot read plan: [{code}] {message}"),
                    Format::Json => json_out.push(
                        json!({"file": name, "severity": "error", "code": code, "path": path, "message": message}),
                    ),
                }
            }
        }
    }
    if format == Format::Json {
        println!(
            "{}",
            serde_json::to_string_pretty(&json_out).unwrap_or_default()
        );
    }
    if any_unreadable {
        ExitCode::from(2)
    } else if any_error {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn print_human(name: &str, diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        println!(
            "{name}: {}[{}] {}: {}",
            d.severity, d.code, d.path, d.message
        );
    }
    let count = |s: Severity| diagnostics.iter().filter(|d| d.severity == s).count();
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    println!(
        "{name}: {}, {}, {}",
        plural(count(Severity::Error), "error"),
        plural(count(Severity::Warning), "warning"),
        plural(count(Severity::Info), "info")
    );
}
