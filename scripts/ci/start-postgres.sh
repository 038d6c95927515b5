#!/usr/bin/env bash
# Starts a PostgreSQL server on loopback for the ledger's *.pg.test.ts suite and the ledger bench,
# and sets KALSHI_TEST_PG_URL. Installs Debian's postgresql package when no server is installed.
# Works as root (the server itself runs as the postgres user, through pg_ctlcluster and runuser).
#
#   source scripts/ci/start-postgres.sh      # exports KALSHI_TEST_PG_URL in this shell
#   bash scripts/ci/start-postgres.sh        # prints the URL on its last line
set -euo pipefail

PG_ROLE=kalshi_ledger
PG_PASSWORD=kalshi_ledger
PG_DATABASE=kalshi_ledger_test

if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  echo "start-postgres: installing Debian's postgresql package" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$version main"; then
  pg_createcluster "$version" main >&2
fi
port=$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $3}')
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $4}' | grep -q online; then
  pg_ctlcluster "$version" main start >&2
fi
for _ in $(seq 1 60); do
  pg_isready -q -h 127.0.0.1 -p "$port" && break
  sleep 0.5
done
pg_isready -h 127.0.0.1 -p "$port" >&2

as_postgres() { runuser -u postgres -- psql -v ON_ERROR_STOP=1 -qAt -p "$port" "$@"; }
if [ "$(as_postgres -c "SELECT 1 FROM pg_roles WHERE rolname = '$PG_ROLE'")" != 1 ]; then
  # CREATEDB: the test suite makes a fresh database per test.
  as_postgres -c "CREATE ROLE $PG_ROLE LOGIN CREATEDB PASSWORD '$PG_PASSWORD'"
fi
if [ "$(as_postgres -c "SELECT 1 FROM pg_database WHERE datname = '$PG_DATABASE'")" != 1 ]; then
  as_postgres -c "CREATE DATABASE $PG_DATABASE OWNER $PG_ROLE"
fi

export KALSHI_TEST_PG_URL="postgres://$PG_ROLE:$PG_PASSWORD@127.0.0.1:$port/$PG_DATABASE"
echo "$KALSHI_TEST_PG_URL"
