#!/usr/bin/env bash
# Runs every test of the solution on a fresh machine: installs what the tests need from Debian (PostgreSQL,
# Chromium, curl), starts a throw-away PostgreSQL server on a free loopback port, runs `dotnet test`, stops the server.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v curl >/dev/null 2>&1 || need+=(curl)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing ${need[*]} from Debian..."
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need[@]}" fonts-dejavu-core >/dev/null
fi

pg_bin=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")
pg_dir=$(mktemp -d /tmp/dashboard-pg.XXXXXX)
pg_port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
as_pg=()
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown postgres "$pg_dir"
  as_pg=(runuser -u postgres --)
fi

stop_pg() {
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$pg_dir"
}
trap stop_pg EXIT

"${as_pg[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 >/dev/null
"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_dir -c fsync=off -c max_connections=300" start >/dev/null
echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') listening on 127.0.0.1:$pg_port"

export DASHBOARD_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
# Without a server a PostgreSQL test skips itself; this run has one, so such a skip fails the test instead.
export DASHBOARD_REQUIRE_POSTGRES=1
export DASHBOARD_TEST_CHROMIUM="$(command -v chromium)"

dotnet build Dashboard.sln -c Release -nologo -v quiet
log="$pg_dir/test-output.txt"
set +e
dotnet test Dashboard.sln -c Release --no-build -nologo --logger trx --results-directory "$pg_dir/results" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# Skipped tests by reason (e.g. a database server this script does not start), from the runs' TRX files.
node - "$pg_dir/results" <<'JS'
const fs = require('fs');
const path = require('path');
const dir = process.argv[2];
const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter(f => f.endsWith('.trx')) : [];
const unescape = text => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
const reasons = new Map();
for (const file of files) {
  const trx = fs.readFileSync(path.join(dir, file), 'utf8');
  for (const result of trx.matchAll(/<UnitTestResult\b[^>]*\boutcome="NotExecuted"[^>]*>([\s\S]*?)<\/UnitTestResult>/g)) {
    const message = /<Message>([\s\S]*?)<\/Message>/.exec(result[1]);
    const reason = message ? unescape(message[1].trim()) : '(no reason given)';
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }
}
for (const [reason, count] of reasons) {
  console.log(`skipped ${count}: ${reason}`);
}
JS
# One closing line for the whole run, summed over the test projects' summaries.
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -oE 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then
  echo "No test ran." >&2
  status=1
fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit "$status"
