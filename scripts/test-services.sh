#!/usr/bin/env bash
# Install and start what the tests need beyond Python — Debian's chromium (browser tests) and a PostgreSQL
# server (store tests) — then run the command given (the tests), then stop the server if this run started
# it. Each long step prints one line first, saying what it does and about how long it takes. What cannot be
# installed or started only makes its tests skip; the exit status is the command's.
#
#   bash scripts/test-services.sh .venv/bin/python -m pytest -q
#   bash scripts/test-services.sh            # set up only: the server keeps running
set -u
step() { echo "==> $*"; }

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -gt 0 ] && [ "$(id -u)" = 0 ]; then
  step "installing ${need[*]} with apt for the browser and PostgreSQL tests (first time only: about 1-2 minutes)"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}") >/dev/null 2>&1 \
    || echo "note: could not install ${need[*]}; those tests will skip"
fi

# A throwaway PostgreSQL cluster on a private port for the store tests.
pg_ctl=$(ls /usr/lib/postgresql/*/bin/pg_ctl 2>/dev/null | tail -n 1)
dir=${STORYLINE_TEST_PG_DIR:-/tmp/storyline-pg}
port=${STORYLINE_TEST_PG_PORT:-54329}  # the port of the tests' default STORYLINE_TEST_PG_URL
started=""
pg() { su postgres -c "$pg_ctl -D $dir/data -o '-p $port -k /tmp' -l $dir/log $*"; }
if [ -n "$pg_ctl" ] && [ "$(id -u)" = 0 ]; then
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    step "creating a PostgreSQL cluster for the tests in $dir (about 5 seconds)"
    rm -rf "$dir"; mkdir -p "$dir"; chown postgres "$dir"
    su postgres -c "$(dirname "$pg_ctl")/initdb -D $dir/data -A trust -U postgres" >/dev/null
  fi
  if ! pg status >/dev/null 2>&1; then
    step "starting PostgreSQL on port $port (a few seconds)"
    if pg "-w start" >/dev/null; then started=1; else echo "note: PostgreSQL did not start; its tests will skip"; fi
  fi
fi

[ $# -eq 0 ] && exit 0
stop() {
  if [ -n "$started" ]; then
    step "stopping the PostgreSQL server this run started"
    pg "-m fast -w stop" >/dev/null 2>&1 || echo "note: could not stop PostgreSQL ($dir/log)"
  fi
}
trap stop EXIT
trap 'exit 130' INT TERM  # Ctrl-C still stops the server (through the EXIT trap)
step "running the tests: $* (about 5-10 minutes on 2 cores)"
"$@"
