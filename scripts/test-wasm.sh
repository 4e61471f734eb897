#!/usr/bin/env bash
# Builds the WebAssembly package (bindings-wasm/) for Node and for the web and
# runs its tests: tsc --noEmit, the node tests, the conformance suite and the
# demo page in headless Chromium.
#
# Works from any directory and on a fresh machine: it installs what is
# missing (the wasm32 target, wasm-bindgen-cli of the version in Cargo.lock,
# Chromium, the npm dev dependencies) and skips what is already there.
#
#   scripts/test-wasm.sh               build and test
#   scripts/test-wasm.sh --build-only  build pkg/ and pkg-web/ only
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PKG="$ROOT/bindings-wasm"
TARGET=wasm32-unknown-unknown
BUILD_ONLY=false
case "${1:-}" in
  --build-only) BUILD_ONLY=true ;;
  "") ;;
  *) echo "usage: $0 [--build-only]" >&2; exit 2 ;;
esac

STARTED=$SECONDS
step() { printf '\n==> %s (%ds)\n' "$*" $((SECONDS - STARTED)); }

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi
}

apt_install() {
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}

# --- The wasm32 target --------------------------------------------------------
# rustup's target when it can be had; otherwise Debian's web toolchain, which
# builds std from source (call its cargo by full path, never put /usr/bin
# ahead of ~/.cargo/bin).
step "wasm32 target"
CARGO=(cargo)
BUILD_STD=()
if command -v rustup >/dev/null && rustup target list --installed | grep -qx "$TARGET"; then
  echo "$TARGET is installed"
elif command -v rustup >/dev/null && rustup target add "$TARGET"; then
  echo "$TARGET added with rustup"
else
  echo "rustup cannot provide $TARGET; using Debian's rustc-web with -Zbuild-std" >&2
  DEBIAN_RUST=(rustc-web cargo-web rust-web-src rust-web-llvm)
  dpkg -s "${DEBIAN_RUST[@]}" >/dev/null 2>&1 || apt_install "${DEBIAN_RUST[@]}"
  export RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc RUSTC_BOOTSTRAP=1
  CARGO=(/usr/bin/cargo)
  BUILD_STD=(-Zbuild-std=std,panic_abort)
fi

# --- wasm-bindgen-cli, exactly the version in Cargo.lock ----------------------
step "wasm-bindgen-cli"
WB_VERSION="$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock")"
if [[ -z "$WB_VERSION" ]]; then
  echo "cannot find the wasm-bindgen version in $ROOT/Cargo.lock" >&2
  exit 1
fi
WB_ROOT="$HOME/.cache/salesplan/wasm-bindgen-$WB_VERSION"
WASM_BINDGEN="$WB_ROOT/bin/wasm-bindgen"
if [[ -x "$WASM_BINDGEN" ]] && [[ "$("$WASM_BINDGEN" --version)" == "wasm-bindgen $WB_VERSION" ]]; then
  echo "wasm-bindgen $WB_VERSION is installed"
else
  # No --locked: its lock names a dependency version the registry may lack.
  "${CARGO[@]}" install wasm-bindgen-cli --version "=$WB_VERSION" --root "$WB_ROOT"
fi

# --- Build --------------------------------------------------------------------
# First a build with the `panic-probe` feature, for the test of the panic hook,
# then the package itself (both land on the same file name, so in this order).
TARGET_DIR="$(cd "$ROOT" && "${CARGO[@]}" metadata --no-deps --format-version 1 \
  | grep -o '"target_directory":"[^"]*"' | cut -d'"' -f4)"
WASM="$TARGET_DIR/$TARGET/release/salesplan_wasm.wasm"
build() {
  (cd "$ROOT" && "${CARGO[@]}" build -p salesplan-wasm --target "$TARGET" --release ${BUILD_STD[@]+"${BUILD_STD[@]}"} "$@")
}
bindgen() {
  local target="$1" out="$2"
  rm -rf "$out"
  "$WASM_BINDGEN" --target "$target" --out-dir "$out" --out-name salesplan "$WASM"
}
PROBE_DIR="$(mktemp -d)"
trap 'rm -rf "$PROBE_DIR"' EXIT
if ! $BUILD_ONLY; then
  step "cargo build (panic-probe)"
  build --features panic-probe
  bindgen experimental-nodejs-module "$PROBE_DIR/panic-probe"
fi
step "cargo build"
build
step "wasm-bindgen: pkg/ (Node) and pkg-web/ (web)"
bindgen experimental-nodejs-module "$PKG/pkg"
bindgen web "$PKG/pkg-web"
if [[ -d "$PROBE_DIR/panic-probe" ]]; then
  mv "$PROBE_DIR/panic-probe" "$PKG/pkg/panic-probe"
fi
ls -l "$PKG/pkg/salesplan_bg.wasm" "$PKG/pkg-web/salesplan_bg.wasm"

if $BUILD_ONLY; then
  step "done"
  exit 0
fi

# --- Test ---------------------------------------------------------------------
step "node and Chromium"
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "node (>= 20) and npm are needed" >&2
  exit 1
fi
if (( $(node -p 'process.versions.node.split(".")[0]') < 20 )); then
  echo "node >= 20 is needed, found $(node --version)" >&2
  exit 1
fi
node --version
command -v chromium >/dev/null || apt_install chromium chromium-driver
export SALESPLAN_CHROMIUM="${SALESPLAN_CHROMIUM:-$(command -v chromium)}"

step "npm dependencies"
cd "$PKG"
if [[ -f package-lock.json ]]; then
  npm ci --no-audit --no-fund
else
  npm install --no-audit --no-fund
fi

step "npm test"
npm test

step "done"
