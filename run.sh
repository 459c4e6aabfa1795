#!/usr/bin/env bash
# Runs the app on http://localhost:7071 with embedded defaults: starts Azurite (from package.json) unless
# AzureWebJobsStorage names a storage account, and writes emails as .eml files to ./mail.
# Short durations for a walk-through:  Escalation__SupervisorHoldTimeout=00:00:20 Escalation__CallbackSla=00:02:00 ./run.sh
set -euo pipefail
cd "$(dirname "$0")"

if [ ! -x node_modules/.bin/azurite ]; then
  echo "Installing Azurite (npm ci)..."
  npm ci --no-audit --no-fund --loglevel=error
fi

if [ -z "${AzureWebJobsStorage:-}" ]; then
  if (exec 3<>/dev/tcp/127.0.0.1/10002) 2>/dev/null; then
    echo "Azurite (or another emulator) is already listening on 127.0.0.1:10002; using it."
  else
    mkdir -p .azurite
    node_modules/.bin/azurite --silent --skipApiVersionCheck --loose --location .azurite \
      --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 > .azurite/azurite.log 2>&1 &
    azurite=$!
    trap 'kill $azurite 2>/dev/null || true' EXIT
    for _ in $(seq 1 100); do (exec 3<>/dev/tcp/127.0.0.1/10002) 2>/dev/null && break; sleep 0.2; done
    echo "Azurite started (data in .azurite/, log in .azurite/azurite.log)."
  fi
fi

export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://localhost:7071}"
export Email__PickupDirectory="${Email__PickupDirectory:-$PWD/mail}"
echo "EscalationFunctions on $ASPNETCORE_URLS (API reference: $ASPNETCORE_URLS/api/reference; emails: $Email__PickupDirectory)"
dotnet run --project src/EscalationFunctions -c Release --no-launch-profile
