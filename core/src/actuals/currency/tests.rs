//! Tests of rate tables: reading, looking up and converting.

use super::*;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn c(s: &str) -> Currency {
    Currency::new(s).unwrap()
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

const TABLE: &str = "date,from,to,rate\n\
    2026-01-01,USD,CNY,7.10\n\
    2026-07-01,USD,CNY,7.20\n\
    2026-01-01,EUR,CNY,7.80\n";

#[test]
fn a_rate_holds_until_the_next_of_its_pair() {
    let rates = Rates::from_csv(TABLE).unwrap();
    assert_eq!(rates.len(), 3);
    let (usd, eur, cny) = (c("USD"), c("EUR"), c("CNY"));
    assert_eq!(
        rates.in_effect(&usd, &cny, day("2026-06-30")),
        Some(d("7.10"))
    );
    assert_eq!(
        rates.in_effect(&usd, &cny, day("2026-07-01")),
        Some(d("7.20"))
    );
    assert_eq!(
        rates.in_effect(&usd, &cny, day("2030-01-01")),
        Some(d("7.20"))
    );
    assert_eq!(
        rates.in_effect(&eur, &cny, day("2026-12-31")),
        Some(d("7.80"))
    );
    assert_eq!(rates.in_effect(&usd, &cny, day("2025-12-31")), None);
    // No inverse and no triangulation.
    assert_eq!(rates.in_effect(&cny, &usd, day("2026-03-01")), None);
    assert_eq!(rates.in_effect(&usd, &eur, day("2026-03-01")), None);
    assert_eq!(rates.first_date(&usd, &cny), Some(day("2026-01-01")));
}

#[test]
fn converted_values_round_half_away_from_zero_to_the_cent() {
    let rates = Rates::from_csv(TABLE).unwrap();
    let (usd, cny) = (c("USD"), c("CNY"));
    let at = day("2026-02-01");
    assert_eq!(rates.convert(d("0.005"), &usd, &cny, at), Some(d("0.04")));
    // 0.0355 → 0.04; -0.0355 → -0.04.
    assert_eq!(rates.convert(d("-0.005"), &usd, &cny, at), Some(d("-0.04")));
    assert_eq!(rates.convert(d("1000"), &usd, &cny, at), Some(d("7100.00")));
    assert_eq!(rates.convert(Decimal::MAX, &usd, &cny, at), None);
}

#[test]
fn json_tables_read_alike_and_point_at_faults() {
    let json = r#"[{"date": "2026-01-01", "from": "USD", "to": "CNY", "rate": "7.10"},
                   {"date": "2026-07-01", "from": "USD", "to": "CNY", "rate": "7.20"},
                   {"date": "2026-01-01", "from": "EUR", "to": "CNY", "rate": "7.80"}]"#;
    assert_eq!(
        Rates::from_json(json).unwrap().rows(),
        Rates::from_csv(TABLE).unwrap().rows()
    );
    let fault = |text: &str| {
        let e = Rates::from_json(text).unwrap_err();
        (e.code(), e.path().map(str::to_owned), e.to_string())
    };
    let row = |body: &str| {
        format!("[{{\"date\": \"2026-01-01\", \"from\": \"USD\", \"to\": \"CNY\", \"rate\": \"7\"}}, {body}]")
    };
    let (_, path, _) = fault(&row(
        r#"{"date": "2026-01-01", "from": "USD", "to": "CNY", "rate": 7}"#,
    ));
    assert_eq!(path.as_deref(), Some("/1/rate"));
    let (_, path, message) = fault(&row(
        r#"{"date": "2026-01-01", "from": "USD", "to": "CNY", "rate": "7.2"}"#,
    ));
    assert_eq!(path.as_deref(), Some("/1/date"));
    assert!(
        message.contains("second USD → CNY rate dated 2026-01-01"),
        "{message}"
    );
    let (_, path, _) = fault(&row(
        r#"{"date": "2026-01-01", "from": "usd", "to": "CNY", "rate": "7"}"#,
    ));
    assert_eq!(path.as_deref(), Some("/1/from"));
    let (_, path, _) = fault(&row(
        r#"{"date": "2026-01-01", "from": "EUR", "to": "CNY", "rate": "7", "note": "x"}"#,
    ));
    assert_eq!(path.as_deref(), Some("/1/note"));
    let (_, path, _) = fault(&row(
        r#"{"date": "2026-01-01", "from": "EUR", "to": "CNY"}"#,
    ));
    assert_eq!(path.as_deref(), Some("/1/rate"));
    assert_eq!(fault("{}").0, "invalid_argument");
    assert_eq!(
        Rates::from_text(json).unwrap(),
        Rates::from_json(json).unwrap()
    );
    assert_eq!(
        Rates::from_text(TABLE).unwrap(),
        Rates::from_csv(TABLE).unwrap()
    );
    assert_eq!(fault("[").0, "syntax");
}

#[test]
fn csv_faults_name_the_row_and_the_column() {
    let message = |text: &str| {
        let e = Rates::from_csv(text).unwrap_err();
        assert_eq!(e.code(), "invalid_argument");
        e.to_string()
    };
    let head = "date,from,to,rate\n";
    let cases = [
        (
            "2026-01-01,USD,CNY,7\n2026-02-30,USD,CNY,7\n",
            "row 2, column date",
        ),
        ("2026-01-01,USD,CNY,abc\n", "row 1, column rate"),
        (
            "2026-01-01,USD,CNY,0\n",
            "row 1, column rate: the rate 0 is not above zero",
        ),
        ("2026-01-01,USD,CNY,-7.1\n", "row 1, column rate"),
        ("2026-01-01,US,CNY,7\n", "row 1, column from"),
        ("2026-01-01,USD,cny,7\n", "row 1, column to"),
        ("2026-01-01,CNY,CNY,1\n", "row 1, column to"),
        (
            "2026-01-01,USD,CNY,7\n2026-01-01,USD,CNY,7.1\n",
            "row 2, column date: a second",
        ),
    ];
    for (rows, expected) in cases {
        let m = message(&format!("{head}{rows}"));
        assert!(m.contains(expected), "{m}");
    }
    assert!(message("date,from,rate\n").contains("`to` is missing"));
    assert!(message("date,from,to,rate,note\n").contains("column note"));
    assert!(Rates::from_csv(head).unwrap().is_empty());
}

#[test]
fn the_target_must_be_the_plan_currency() {
    let rates = Rates::from_csv(TABLE).unwrap();
    assert!(rates.check_target(&c("CNY")).is_ok());
    let e = rates.check_target(&c("EUR")).unwrap_err();
    assert!(
        e.to_string().contains(
            "row 1, column to: the rate table converts to CNY, but the plan's currency is EUR"
        ),
        "{e}"
    );
    let json =
        Rates::from_json(r#"[{"date": "2026-01-01", "from": "USD", "to": "EUR", "rate": "0.9"}]"#)
            .unwrap();
    assert_eq!(
        json.check_target(&c("CNY")).unwrap_err().path(),
        Some("/0/to")
    );
    let rows = Rates::from_rows([Rate {
        date: day("2026-01-01"),
        from: c("USD"),
        to: c("CNY"),
        rate: d("0"),
    }]);
    assert!(rows.is_err());
}
