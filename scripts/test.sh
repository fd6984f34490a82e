#!/usr/bin/env bash
# Runs every KetaSim test and ends with one line "N passed, N failed[, N skipped]".
# Installs the Debian packages the reference-solver tests need (SUNDIALS CVODE, SciPy) when missing.
set -uo pipefail
cd "$(dirname "$0")/.."

debs=(libsundials-dev python3-scipy python3-numpy)
missing=()
for d in "${debs[@]}"; do dpkg -s "$d" >/dev/null 2>&1 || missing+=("$d"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages for the reference-solver tests: ${missing[*]}"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo_cmd apt-get update -qq && $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null \
    || echo "warning: could not install ${missing[*]}; reference-solver tests will be skipped (or fail when CI=true)"
fi

log=$(mktemp)
dotnet test KetaSim.slnx --configuration Release 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Microsoft.Testing.Platform prints per-assembly lines "... (net10.0|x64) failed with N error(s)" and a
# closing "Test run summary" with total/failed/succeeded/skipped counts: read those.
passed=$(awk '/^ *succeeded: /{s+=$2} END{print s+0}' "$log")
failed=$(awk '/^ *failed: /{s+=$2} END{print s+0}' "$log")
skipped=$(awk '/^ *skipped: /{s+=$2} END{print s+0}' "$log")
rm -f "$log"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The build or the runner failed before any test could report: count that as a failure.
  failed=1
fi
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
