#!/usr/bin/env bash
# The Spark benchmark: this library's evaluation in one process, on a local
# Spark of one and two cores through salesplan.spark, and the same
# aggregation in plain Spark SQL, on 10M and 50M generated rows of Parquet.
# See benches/README.md.
#
#   bash benches/spark/run.sh [--rows 10000000,50000000] [--runs 3] [--tools single,spark-1,spark-2,arrow-1,arrow-2,sql-1,sql-2]
#
# Uses the venv target/bench-venv (numpy, pyarrow, pyspark, maturin) and
# installs bindings-python into it (release); needs a Java runtime (java on
# PATH or JAVA_HOME). The data go to target/bench-data/spark (about 1 GB for
# 50M rows), generated once by benches/e2e/gen_data.py.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
venv="$root/target/bench-venv"
if ! command -v java >/dev/null 2>&1 && [[ -z "${JAVA_HOME:-}" ]]; then
    echo "Spark needs a Java runtime: install one (Debian: apt-get install openjdk-17-jre-headless)" >&2
    exit 1
fi
if ! "$venv/bin/python" -c 'import numpy, pyarrow, pyspark, maturin' 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet numpy pandas polars pyarrow pyspark "maturin>=1.9,<2"
fi
PATH="$venv/bin:$PATH" "$venv/bin/pip" install --quiet --disable-pip-version-check \
    --no-build-isolation "$root/bindings-python"
exec "$venv/bin/python" "$root/benches/spark/run.py" --data "$root/target/bench-data/spark" "$@"
