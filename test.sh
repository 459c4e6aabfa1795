#!/usr/bin/env bash
# Runs every test: installs Azurite if needed, restores, builds, runs the whole solution, and prints one
# closing line with the totals.
# Usage: ./test.sh [extra dotnet test arguments]    (UPDATE_DOCS=1 ./test.sh refreshes the README's generated sections)
set -euo pipefail
cd "$(dirname "$0")"

# The storage tests start their own Azurite from the repository's package.json.
if [ ! -x node_modules/.bin/azurite ]; then
  echo "Installing Azurite (npm ci)..."
  npm ci --no-audit --no-fund --loglevel=error
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT

status=0
dotnet test EscalationFunctions.sln --nologo "$@" 2>&1 | tee "$log" || status=$?

# dotnet test prints one summary per test project ("Passed!  - Failed: 0, Passed: 75, ..."): add them up.
awk '
  /(Passed|Failed)! +- +Failed:/ {
    gsub(/,/, ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
    found = 1
  }
  END { if (found) printf "tests: %d passed, %d failed, %d skipped\n", p, f, s; else print "tests: no test summary found" }
' "$log"
exit "$status"
