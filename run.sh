#!/usr/bin/env bash
# Runs the app on http://localhost:7071 with embedded defaults: starts Azurite (from package.json) unless
# AzureWebJobsStorage names a storage account, and writes emails as .eml files to ./mail.
# Short durations for a walk-through:  Escalation__SupervisorHoldTimeout=00:00:20 Escalation__CallbackSla=00:03:00 ./run.sh
set -euo pipefail
cd "$(dirname "$0")"

if [ ! -x node_modules/.bin/azurite ]; then
  echo "Installing Azurite (npm ci)..."
  npm ci --no-audit --no-fund --loglevel=error
fi

# True when something accepts connections on 127.0.0.1:<port>.
listening() { (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null; }

if [ -z "${AzureWebJobsStorage:-}" ]; then
  # Azurite needs all three of its ports; the app uses the queue and table services.
  busy="" free=""
  for entry in 10000:blob 10001:queue 10002:table; do
    port=${entry%%:*}
    if listening "$port"; then
      busy="${busy:+$busy and }$port (${entry#*:})"
    else
      free="${free:+$free and }$port (${entry#*:})"
    fi
  done

  if [ -z "$free" ]; then
    echo "Azurite (or another emulator) is already listening on 127.0.0.1:10000-10002; using it."
  elif [ -n "$busy" ]; then
    case "$busy" in *" and "*) busy="ports $busy are" it=them ;; *) busy="port $busy is" it=it ;; esac
    case "$free" in *" and "*) free="$free are" ;; *) free="$free is" ;; esac
    {
      echo "run.sh: cannot start Azurite: $busy already in use on 127.0.0.1 by another program,"
      echo "while $free free: that is neither a complete emulator to use nor room to start one."
      echo "Either free $it (\`lsof -nP -iTCP -sTCP:LISTEN | grep ':1000[0-2]'\` shows what holds $it),"
      echo "or point AzureWebJobsStorage at another storage account or emulator, for example Azurite started on other"
      echo "ports (node_modules/.bin/azurite --location .azurite --blobPort 20000 --queuePort 20001 --tablePort 20002),"
      echo "with the emulator's documented default key in place of <key>:"
      echo "  AzureWebJobsStorage='DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=<key>;QueueEndpoint=http://127.0.0.1:20001/devstoreaccount1;TableEndpoint=http://127.0.0.1:20002/devstoreaccount1' ./run.sh"
    } >&2
    exit 1
  else
    mkdir -p .azurite
    node_modules/.bin/azurite --silent --skipApiVersionCheck --loose --location .azurite \
      --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 > .azurite/azurite.log 2>&1 &
    azurite=$!
    trap 'kill $azurite 2>/dev/null || true' EXIT

    # Ready means: the queue and table ports accept connections and the Azurite process is still the one
    # behind them (it exits at once when, say, a port was taken in the meantime).
    azurite_exited() {
      local rc=0
      wait "$azurite" || rc=$?
      {
        echo "run.sh: Azurite exited during start-up (exit code $rc); the last lines of .azurite/azurite.log:"
        tail -n 20 .azurite/azurite.log | sed 's/^/  /'
        echo "run.sh: Azurite could not start (see above; EADDRINUSE means a port is taken), so the app was not started."
      } >&2
      exit 1
    }
    waited=0   # in tenths of a second
    until listening 10001 && listening 10002; do
      kill -0 "$azurite" 2>/dev/null || azurite_exited
      if [ "$waited" -ge 200 ]; then
        {
          echo "run.sh: Azurite did not open ports 10001 (queue) and 10002 (table) within 20 s; the last lines of .azurite/azurite.log:"
          tail -n 20 .azurite/azurite.log | sed 's/^/  /'
        } >&2
        exit 1
      fi
      sleep 0.2
      waited=$((waited + 2))
    done
    sleep 0.5
    kill -0 "$azurite" 2>/dev/null || azurite_exited
    echo "Azurite started (data in .azurite/, log in .azurite/azurite.log)."
  fi
fi

export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://localhost:7071}"
# Development: the embedded defaults (placeholder routing addresses, the local emulator) are allowed. Set
# ASPNETCORE_ENVIRONMENT=Production to check a real configuration the way Azure runs it.
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export Email__PickupDirectory="${Email__PickupDirectory:-$PWD/mail}"
echo "EscalationFunctions on $ASPNETCORE_URLS (API reference: $ASPNETCORE_URLS/api/reference; emails: $Email__PickupDirectory)"
# The development host runs the function classes on Kestrel (no Functions host needed; see README, Hosting).
dotnet run --project src/EscalationFunctions.DevHost -c Release --no-launch-profile
