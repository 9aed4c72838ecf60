#!/usr/bin/env bash
# Runs every test of CouplingPortal on a fresh machine: installs Chromium and PostgreSQL from Debian's packages when
# they are missing, starts a throw-away PostgreSQL server on loopback, builds once and runs all test projects.
# Usage: ./test.sh [extra dotnet test arguments]
set -euo pipefail
cd "$(dirname "$0")"
root=$PWD

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ] || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} from Debian's packages..."
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" fonts-dejavu-core >/dev/null
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi

# A throw-away PostgreSQL cluster: own folder, loopback only, a free port, fsync off (test data is disposable).
pg_dir=$(mktemp -d /tmp/couplingportal-pg.XXXXXX)
pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 55432)
run_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres "$pg_dir"
run_pg "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust >/dev/null
run_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null
stop_pg() { run_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$pg_dir"; }
trap stop_pg EXIT
export COUPLINGPORTAL_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
export COUPLINGPORTAL_CHROMIUM=/usr/bin/chromium
export COUPLINGPORTAL_ARTIFACTS="$root/artifacts"
# Chromium writes under $HOME; keep the test run's own.
export XDG_CONFIG_HOME="$root/artifacts/home/.config" XDG_CACHE_HOME="$root/artifacts/home/.cache"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet tool restore >/dev/null
dotnet build CouplingPortal.sln -c Release -nologo -clp:ErrorsOnly
# The benchmark program is no test (it asserts no timings) but must keep running: a quick pass on small volumes.
COUPLINGPORTAL_BENCH_POSTGRES="$COUPLINGPORTAL_TEST_POSTGRES" dotnet run -c Release --no-build --project tests/CouplingPortal.Benchmarks -- --quick
log="$root/artifacts/test-output.log"
mkdir -p "$root/artifacts"
set +e
dotnet test CouplingPortal.sln -c Release --no-build --results-directory "$root/artifacts/test-results" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# One closing line for the whole run, summed over the test projects' own summaries.
awk '/(Passed|Failed)!  ?- /{ for (i=1;i<=NF;i++) { if ($i=="Failed:") f+=$(i+1); if ($i=="Passed:") p+=$(i+1); if ($i=="Skipped:") s+=$(i+1) } }
     END { gsub(",","",p); printf "Tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
