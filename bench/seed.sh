#!/usr/bin/env bash
# Wall time and peak memory of `jineng seed --scale city` on PGlite and on PostgreSQL.
# Usage: bash bench/seed.sh [scale]   (needs PostgreSQL at $BENCH_PG_URL, default the local server)
set -euo pipefail
scale=${1:-city}
pg_admin=${BENCH_PG_URL:-postgres://postgres@127.0.0.1:5432/postgres}
dir=$(mktemp -d)
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(node --version), $(uname -r)"
echo "== PGlite (DATA_DIR=$dir) =="
/usr/bin/time -f 'wall %e s, peak RSS %M KiB' env DATA_DIR="$dir" node bin/jineng.mjs seed --scale "$scale" 2>&1 | grep -E 'seeded|wall'
db=jineng_bench_$$
psql "$pg_admin" -qc "CREATE DATABASE $db" >/dev/null
url="${pg_admin%/*}/$db"
echo "== PostgreSQL ($url) =="
/usr/bin/time -f 'wall %e s, peak RSS %M KiB' env DATA_DIR="$dir" DATABASE_URL="$url" node bin/jineng.mjs seed --scale "$scale" 2>&1 | grep -E 'seeded|wall'
psql "$pg_admin" -qc "DROP DATABASE $db" >/dev/null
rm -rf "$dir"
