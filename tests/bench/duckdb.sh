# Sourced by tools/bench.sh: DuckDB through its Node.js package, when npm
# can install it (into build/bench/node, never a dependency of beat).
# Sets DUCKDB (a command: DUCKDB DBFILE SQL) and DUCKDB_VERSION, or leaves
# DUCKDB empty with DUCKDB_WHY saying why.
# shellcheck disable=SC2034 # DUCKDB_VERSION is the runner's
DUCKDB='' DUCKDB_VERSION='' DUCKDB_WHY=''
duckdb_dir=$TOP/build/bench/node
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	DUCKDB_WHY="node and npm are not installed"
elif [ -d "$duckdb_dir/node_modules/@duckdb/node-api" ] ||
    npm install --silent --no-audit --no-fund --prefix "$duckdb_dir" @duckdb/node-api \
    >"$W/npm.log" 2>&1; then
	DUCKDB="node $TOP/tests/bench/duckdb.cjs"
	if DUCKDB_VERSION=$(NODE_PATH=$duckdb_dir/node_modules $DUCKDB :memory: \
	    'SELECT version()' 2>"$W/npm.log"); then
		export NODE_PATH=$duckdb_dir/node_modules
	else
		DUCKDB='' DUCKDB_WHY="@duckdb/node-api does not load: $(head -n 1 "$W/npm.log")"
	fi
else
	DUCKDB_WHY="npm install @duckdb/node-api failed: $(tail -n 1 "$W/npm.log")"
fi
[ -n "$DUCKDB" ] || echo "bench: DuckDB skipped: $DUCKDB_WHY" >&2
