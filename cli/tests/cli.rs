//! The `salesplan` binary: output and exit codes.

use std::process::{Command, Output};

fn salesplan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_salesplan"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn case(name: &str) -> String {
    format!(
        "{}/../tests/cases/{name}/input.json",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn demo_shows_the_case_study() {
    let out = salesplan(&["demo"]);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(text.contains("target 1.2亿  (+20% on 1亿)"), "{text}");
    for section in [
        "目标设定",
        "市场分析",
        "策略制定",
        "资源分配",
        "执行计划",
        "风险控制",
        "绩效评估",
        "调整机制",
    ] {
        assert!(text.contains(section), "missing {section}");
    }
    assert!(text.contains("Validation: 0 errors"));
}

#[test]
fn check_exit_codes() {
    assert_eq!(
        salesplan(&["check", &case("case-study")]).status.code(),
        Some(0)
    );
    assert_eq!(
        salesplan(&["check", &case("capacity-below-target")])
            .status
            .code(),
        Some(0),
        "warnings only"
    );
    assert_eq!(
        salesplan(&["check", &case("duplicate-ids")]).status.code(),
        Some(1)
    );
    assert_eq!(
        salesplan(&["check", &case("case-study"), &case("duplicate-ids")])
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        salesplan(&["check", &case("error-unknown-field")])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        salesplan(&["check", &case("duplicate-ids"), "no/such/file.json"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn check_json_lists_diagnostics() {
    let out = salesplan(&["check", "--format", "json", &case("duplicate-ids")]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let items = v.as_array().unwrap();
    assert_eq!(items.len(), 3);
    assert_eq!(items[0]["severity"], "error");
    assert_eq!(items[0]["code"], "duplicate_id");
    assert_eq!(items[0]["path"], "/goals/1/id");
    assert!(items[0]["message"].as_str().unwrap().contains("G-REV"));

    let out = salesplan(&["check", "--format", "json", &case("error-bad-date")]);
    assert_eq!(out.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["code"], "invalid_value");
    assert_eq!(v[0]["path"], "/execution/tasks/1/due");
}

#[test]
fn check_human_format_names_file_and_counts() {
    let out = salesplan(&["check", &case("task-dependency-cycle")]);
    let text = stdout(&out);
    assert!(
        text.contains("error[task_dependency_cycle] /execution/tasks/0/depends_on"),
        "{text}"
    );
    assert!(text.contains("T-1 → T-3 → T-2 → T-1"));
    assert!(
        text.trim_end().ends_with("2 errors, 2 warnings, 0 infos"),
        "{text}"
    );
}

#[test]
fn schema_and_example_print_the_committed_files() {
    let schema = std::fs::read_to_string(format!(
        "{}/../schema/plan.schema.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    assert_eq!(stdout(&salesplan(&["schema"])), schema);
    for kind in ["plan", "outputs", "options"] {
        let committed = std::fs::read_to_string(format!(
            "{}/../schema/{kind}.schema.json",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        assert_eq!(stdout(&salesplan(&["schema", kind])), committed, "{kind}");
    }
    assert_eq!(
        stdout(&salesplan(&["example"])),
        salesplan::EXAMPLE_PLAN_JSON
    );
}

#[test]
fn validate_is_check() {
    let plan = format!(
        "{}/../core/examples/case-study.json",
        env!("CARGO_MANIFEST_DIR")
    );
    assert_eq!(
        stdout(&salesplan(&["validate", &plan])),
        stdout(&salesplan(&["check", &plan]))
    );
}

#[test]
fn amount_reads_chinese_units() {
    let out = salesplan(&["amount", "1.2亿", "3,500万", "1亿2000万"]);
    assert!(out.status.success());
    assert_eq!(
        stdout(&out),
        "1.2亿\t120000000\t1.2亿\n3,500万\t35000000\t3,500万\n1亿2000万\t120000000\t1.2亿\n"
    );
    assert_eq!(salesplan(&["amount", "12x"]).status.code(), Some(2));
}

fn evaluation_file(name: &str) -> String {
    format!(
        "{}/../tests/evaluations/case-study/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

#[test]
fn evaluate_prints_a_table_and_json() {
    let plan = format!(
        "{}/../core/examples/case-study.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let actuals = evaluation_file("actuals.csv");
    let out = salesplan(&["evaluate", &plan, &actuals, "--as-of", "2026-06-30"]);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(
        text.contains(
            "K-CONV       company                 28%        28%        22%    78.6%  off track"
        ),
        "{text}"
    );
    // The register follows, moved by the conversion indicator.
    let (_, risks) = text.split_once("\nRisks\n").expect("a risk table");
    assert!(
        risks.contains("R-CHURN    customer   4×3=12 high      5×3=15 high"),
        "{risks}"
    );
    assert!(
        risks.contains("↑ Customer churn and weak conversion"),
        "{risks}"
    );

    let pipeline = evaluation_file("pipeline.json");
    let out = salesplan(&[
        "evaluate",
        &plan,
        &actuals,
        "--as-of",
        "2026-12-31",
        "--format",
        "json",
        "--hierarchy",
        "region",
        "--pipeline",
        &pipeline,
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let expected: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(evaluation_file("yearend.expected.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(v["evaluation"], expected);
    assert_eq!(v["register"]["as_of"], "2026-12-31");

    let out = salesplan(&["evaluate", &plan, "no/such.csv", "--as-of", "2026-06-30"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn evaluate_warns_of_rows_outside_the_plan_period() {
    let plan = format!(
        "{}/../core/examples/case-study.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let actuals = format!(
        "{}/../tests/actuals/outside-period/actuals.csv",
        env!("CARGO_MANIFEST_DIR")
    );
    let out = salesplan(&[
        "evaluate",
        &plan,
        &actuals,
        "--as-of",
        "2026-06-30",
        "--lenient",
    ]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    let warnings: Vec<&str> = err.lines().filter(|l| l.contains("warning:")).collect();
    assert_eq!(warnings.len(), 1, "{err}");
    assert!(
        warnings[0].contains("3 row(s) dated outside the plan period 2026-01-01 to 2026-12-31"),
        "{err}"
    );
    assert!(warnings[0].contains("row(s) 1, 4, 7)"), "{err}");
}

#[test]
fn evaluate_scorecard_adds_a_table_and_json() {
    let plan = format!(
        "{}/../core/examples/case-study.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let actuals = evaluation_file("actuals.csv");
    let rubrics = format!("{}/rubrics.json", env!("CARGO_TARGET_TMPDIR"));
    std::fs::write(
        &rubrics,
        r#"[{"criterion": "Planning discipline", "score": 5, "reviewer": "CEO"},
            {"criterion": "Coaching", "score": 4, "reviewer": "CEO", "owner": "Sales VP Li Wei"}]"#,
    )
    .unwrap();
    let base = ["evaluate", &plan, &actuals, "--as-of", "2026-06-30"];

    let out = salesplan(&[&base[..], &["--scorecard", "--rubrics", &rubrics]].concat());
    assert!(out.status.success());
    let text = stdout(&out);
    let (kpis, cards) = text.split_once("Scorecards").expect("a scorecards table");
    assert!(kpis.contains("K-CONV       company"), "{text}");
    assert!(cards.contains("company  —"), "{text}");
    let vp = cards
        .lines()
        .find(|l| l.starts_with("owner    Sales VP Li Wei"))
        .expect("the VP's scorecard");
    assert!(vp.contains("75.0"), "{vp}");

    let json = |args: &[&str]| -> serde_json::Value {
        let out = salesplan(&[&base[..], &["--format", "json"], args].concat());
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let plain = json(&[]);
    assert!(plain["evaluation"].get("kpis").is_some() && plain.get("scorecards").is_none());
    let both = json(&["--scorecard", "--rubrics", &rubrics]);
    assert_eq!(both["evaluation"], plain["evaluation"]);
    assert_eq!(both["register"], plain["register"]);
    let cards = both["scorecards"].as_array().unwrap();
    assert_eq!(cards[0]["subject"], "company");
    assert_eq!(cards[0]["rubric_score"], "100");
    let vp = cards
        .iter()
        .find(|c| c["name"] == "Sales VP Li Wei")
        .unwrap();
    assert_eq!(vp["subject"], "owner");
    assert_eq!(vp["rubric_score"], "75");
    let without_rubrics = json(&["--scorecard"]);
    assert_eq!(
        without_rubrics["scorecards"][0]["rubric_score"],
        serde_json::Value::Null
    );

    // --rubrics needs --scorecard; a bad rubric file is an input error.
    let out = salesplan(&[&base[..], &["--rubrics", &rubrics]].concat());
    assert_eq!(out.status.code(), Some(2));
    let bad = format!("{}/bad-rubrics.json", env!("CARGO_TARGET_TMPDIR"));
    std::fs::write(
        &bad,
        r#"[{"criterion": "x", "score": 9, "reviewer": "CEO"}]"#,
    )
    .unwrap();
    let out = salesplan(&[&base[..], &["--scorecard", "--rubrics", &bad]].concat());
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("rubrics[0]"));
}

#[test]
fn funnel_works_back_from_the_target() {
    let out = salesplan(&[
        "funnel",
        "--target",
        "1.2亿",
        "--deal-size",
        "20万",
        "--win-rate",
        "0.28",
        "--lead-rate",
        "0.1",
    ]);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(text.contains("target          1.2亿 (120000000)"), "{text}");
    assert!(text.contains("won deals       600\n"), "{text}");
    assert!(
        text.contains("opportunities   2143  (win rate 28%)"),
        "{text}"
    );
    assert!(
        text.contains("leads           21430  (lead → opportunity 10%)"),
        "{text}"
    );
    for bad in [["--win-rate", "1.5"], ["--target", "lots"]] {
        let mut args = vec![
            "funnel",
            "--target",
            "1.2亿",
            "--deal-size",
            "20万",
            "--win-rate",
            "0.28",
            "--lead-rate",
            "0.1",
        ];
        let at = args.iter().position(|a| *a == bad[0]).unwrap();
        args[at + 1] = bad[1];
        assert_eq!(salesplan(&args).status.code(), Some(2), "{bad:?}");
    }
}

#[test]
fn simulate_prints_a_report_and_the_conformance_json() {
    let plan = format!(
        "{}/../core/examples/case-study.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let actuals = evaluation_file("actuals.csv");
    let pipeline = evaluation_file("pipeline.json");
    let base = [
        "simulate",
        &plan,
        &actuals,
        "--pipeline",
        &pipeline,
        "--as-of",
        "2026-06-30",
        "--trials",
        "20000",
        "--seed",
        "2026",
    ];
    let out = salesplan(&base);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = stdout(&out);
    assert!(text.starts_with("G-REV as of 2026-06-30: "), "{text}");
    assert!(text.contains("chance of reaching 1.2亿"), "{text}");
    assert!(text.contains("D-104"), "{text}");

    // The JSON is the conformance case's result, whatever the threads.
    let out = salesplan(&[&base[..], &["--format", "json", "--threads", "1"]].concat());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let expected: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(format!(
            "{}/../tests/risk/simulate-midyear/expected.json",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap(),
    )
    .unwrap();
    assert_eq!(v, expected["result"]);

    // A target in 亿 and no new business.
    let out = salesplan(&[
        "simulate",
        &plan,
        &actuals,
        "--pipeline",
        &pipeline,
        "--as-of",
        "2026-06-30",
        "--target",
        "0.7亿",
        "--no-new-business",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["target"], "70000000.00");
    assert!(v["new_business"].is_null());

    // Refused options exit 2 with a message.
    let out = salesplan(&["simulate", &plan, "--as-of", "2026-06-30", "--trials", "0"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("trials"));
    let out = salesplan(&[
        "simulate",
        &plan,
        "--as-of",
        "2026-06-30",
        "--target",
        "1万5",
    ]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_adjustment_loop_from_the_command_line() {
    let plan = format!(
        "{}/../core/examples/case-study.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let actuals = evaluation_file("actuals.csv");
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("adjust-loop");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = |name: &str| dir.join(name).display().to_string();

    let out = salesplan(&["propose", &plan, &actuals, "--as-of", "2026-06-30"]);
    assert!(out.status.success());
    assert!(stdout(&out).contains("R-CONV-SERVICE@2026-06-30 (priority 10)"));
    let out = salesplan(&[
        "propose",
        &plan,
        &actuals,
        "--as-of",
        "2026-06-30",
        "--format",
        "json",
    ]);
    std::fs::write(path("proposals.json"), &out.stdout).unwrap();

    let change = [
        "--author",
        "Sales VP Li Wei",
        "--reason",
        "conversion",
        "--at",
        "2026-07-03T09:00:00+08:00",
    ];
    let out = salesplan(
        &[
            &[
                "apply",
                &plan,
                &path("proposals.json"),
                "-o",
                &path("r2.json"),
                "--history",
                &path("history.json"),
            ][..],
            &change[..],
        ]
        .concat(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("revision 2 (from 1)"));
    let r2: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path("r2.json")).unwrap()).unwrap();
    assert_eq!(r2["revision"]["number"], 2);

    let out = salesplan(&["diff", &plan, &path("r2.json")]);
    let patch: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(patch.as_array().unwrap().len(), 5);

    // The history starts the rule's cooldown.
    let out = salesplan(&[
        "propose",
        &plan,
        &actuals,
        "--as-of",
        "2026-07-31",
        "--history",
        &path("history.json"),
    ]);
    assert!(
        stdout(&out).contains("held back R-CONV-SERVICE"),
        "{}",
        stdout(&out)
    );

    // A proposal that would break the plan writes nothing and exits 1.
    let text = std::fs::read_to_string(path("proposals.json")).unwrap();
    std::fs::write(path("bad.json"), text.replace("\"T-09\"", "\"T-404\"")).unwrap();
    let out = salesplan(
        &[
            &[
                "apply",
                &plan,
                &path("bad.json"),
                "-o",
                &path("r2-bad.json"),
            ][..],
            &change[..],
        ]
        .concat(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("T-404"));
    assert!(!dir.join("r2-bad.json").exists());

    // Over existing files, a refused revision leaves plan and history
    // byte for byte as they were, and so does a write that fails.
    let before = |name: &str| std::fs::read(path(name)).unwrap();
    let (plan_bytes, history_bytes) = (before("r2.json"), before("history.json"));
    let out = salesplan(
        &[
            &[
                "apply",
                &path("r2.json"),
                &path("bad.json"),
                "-o",
                &path("r2.json"),
                "--history",
                &path("history.json"),
            ][..],
            &change[..],
        ]
        .concat(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(before("r2.json"), plan_bytes);
    assert_eq!(before("history.json"), history_bytes);
    let nowhere = dir.join("no-such-folder").join("r3.json");
    let out = salesplan(
        &[
            &[
                "apply",
                &plan,
                &path("proposals.json"),
                "-o",
                &nowhere.display().to_string(),
                "--history",
                &path("history-new.json"),
            ][..],
            &change[..],
        ]
        .concat(),
    );
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!dir.join("history-new.json").exists());
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
    let out = salesplan(
        &[
            &[
                "apply",
                &plan,
                &path("proposals.json"),
                "--accept",
                "R-NOPE",
            ][..],
            &change[..],
        ]
        .concat(),
    );
    assert_eq!(out.status.code(), Some(2));

    let out = salesplan(&["replay", &plan, &actuals, "--until", "2026-06-30"]);
    assert!(out.status.success());
    assert!(
        stdout(&out).contains("R-CONV-SERVICE first fired as of 2026-04-30"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn fold_and_evaluate_partials_give_the_evaluation_of_all_the_rows() {
    let plan = format!(
        "{}/../core/examples/case-study.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let dir = std::env::temp_dir().join(format!("salesplan-partials-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let text = std::fs::read_to_string(evaluation_file("actuals.csv")).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let (header, body) = (lines[0], &lines[1..]);
    let mut partials = Vec::new();
    for (batch, rows) in body.chunks(120).enumerate() {
        let csv = dir.join(format!("part-{batch}.csv"));
        let mut part = vec![header];
        part.extend_from_slice(rows);
        std::fs::write(&csv, part.join("\n")).unwrap();
        let out = dir.join(format!("part-{batch}.partial"));
        let o = salesplan(&[
            "fold",
            &plan,
            csv.to_str().unwrap(),
            "--as-of",
            "2026-06-30",
            "--hierarchy",
            "region",
            "--batch",
            &batch.to_string(),
            "-o",
            out.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert!(String::from_utf8_lossy(&o.stderr).contains("folded"));
        partials.push(out.to_str().unwrap().to_owned());
    }
    assert_eq!(partials.len(), 3);
    let pipeline = evaluation_file("pipeline.json");
    let whole = salesplan(&[
        "evaluate",
        &plan,
        &evaluation_file("actuals.csv"),
        "--as-of",
        "2026-06-30",
        "--hierarchy",
        "region",
        "--pipeline",
        &pipeline,
        "--format",
        "json",
    ]);
    // In any order.
    let mut args = vec![
        "evaluate-partials",
        &plan,
        "--pipeline",
        &pipeline,
        "--format",
        "json",
    ];
    args.extend(partials.iter().rev().map(String::as_str));
    let merged = salesplan(&args);
    assert!(
        merged.status.success(),
        "{}",
        String::from_utf8_lossy(&merged.stderr)
    );
    assert_eq!(stdout(&merged), stdout(&whole));
    // A file that is not a partial: status 2, named.
    let o = salesplan(&["evaluate-partials", &plan, &plan]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(
        err.contains("case-study.json") && err.contains("not a partial evaluation"),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn output_cut_short_by_its_reader_ends_quietly() {
    use std::io::Read;
    use std::process::Stdio;
    let plan = format!(
        "{}/../core/examples/case-study.json",
        env!("CARGO_MANIFEST_DIR")
    );
    // A review is larger than a pipe holds, so the writer meets the
    // closed end.
    let mut child = Command::new(env!("CARGO_BIN_EXE_salesplan"))
        .args([
            "report",
            &plan,
            &evaluation_file("actuals.csv"),
            "--as-of",
            "2026-06-30",
            "--no-simulation",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 64];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{:?}", out.status);
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    assert!(first.starts_with(b"<!DOCTYPE html>"));
}

#[test]
fn rates_convert_rows_in_other_currencies_for_every_verb_that_reads_actuals() {
    let dir = format!("{}/../tests/currencies", env!("CARGO_MANIFEST_DIR"));
    let actuals = format!("{dir}/usd-eur-mid-period/actuals.csv");
    let rates = format!("{dir}/usd-eur-mid-period/rates.csv");
    let plan = format!(
        "{}/../core/examples/case-study.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let out = salesplan(&[
        "evaluate",
        &plan,
        &actuals,
        "--as-of",
        "2026-12-31",
        "--format",
        "json",
        "--rates",
        &rates,
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let evaluation: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let revenue = evaluation["evaluation"]["kpis"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["kpi"] == "K-REV" && k["node"] == "")
        .unwrap();
    assert_eq!(revenue["actual"], "2538145.25");
    // Without the rates: the USD and EUR rows are bad rows, named.
    let out = salesplan(&["evaluate", &plan, &actuals, "--as-of", "2026-12-31"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("[invalid_actuals]"), "{err}");
    assert!(
        err.contains("no USD → CNY rate is in effect on 2026-03-10"),
        "{err}"
    );
    // The other verbs take it too.
    let out = salesplan(&[
        "propose",
        &plan,
        &actuals,
        "--as-of",
        "2026-12-31",
        "--rates",
        &rates,
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = salesplan(&[
        "replay",
        "--rates",
        &rates,
        &plan,
        &actuals,
        "--until",
        "2026-03-31",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A bad table, and a verb that reads no actuals, are refused.
    let bad = format!("{dir}/rate-table-zero-rate/rates.csv");
    let out = salesplan(&[
        "evaluate",
        &plan,
        &actuals,
        "--as-of",
        "2026-12-31",
        "--rates",
        &bad,
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("row 2, column rate: the rate 0 is not above zero"),
        "{err}"
    );
    let out = salesplan(&["check", &plan, "--rates", &rates]);
    assert_eq!(out.status.code(), Some(2));
}
