#!/usr/bin/env bash
# Install and start what the tests need beyond Python: Debian's chromium (browser tests) and a
# PostgreSQL server (store tests). Skips what is already there; never fails the run for it.
set -u
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -gt 0 ] && [ "$(id -u)" = 0 ]; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}") >/dev/null 2>&1 \
    || echo "note: could not install ${need[*]}; those tests will skip"
fi
# A throwaway PostgreSQL cluster on a private port for the store tests.
pg_ctl=$(ls /usr/lib/postgresql/*/bin/pg_ctl 2>/dev/null | tail -n 1)
if [ -n "$pg_ctl" ] && [ "$(id -u)" = 0 ]; then
  dir=/tmp/storyline-pg
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    rm -rf "$dir"; mkdir -p "$dir"; chown postgres "$dir"
    su postgres -c "$(dirname "$pg_ctl")/initdb -D $dir/data -A trust -U postgres" >/dev/null
  fi
  su postgres -c "$pg_ctl -D $dir/data -o '-p 54329 -k /tmp' -l $dir/log status" >/dev/null 2>&1 \
    || su postgres -c "$pg_ctl -D $dir/data -o '-p 54329 -k /tmp' -l $dir/log -w start" >/dev/null \
    || echo "note: PostgreSQL did not start; its tests will skip"
fi
exit 0
