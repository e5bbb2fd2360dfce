#!/usr/bin/env bash
# Runs a packaged Triad (scripts/package.sh DEST) the way the container image does: as a
# non-root user when it can, with a fresh data folder, serving on a port; waits until the
# image's HEALTHCHECK command (bin/healthcheck.js) passes, then stops it with SIGTERM and
# expects a clean exit. CI runs it after packaging.
set -euo pipefail
APP="${1:?usage: scripts/smoke-package.sh DEST}"
APP="$(cd "$APP" && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/triad-smoke.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
PORT="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
mkdir -p "$WORK/data"
AS=()
if [ "$(id -u)" -eq 0 ] && id nobody >/dev/null 2>&1 && command -v setpriv >/dev/null; then
  chmod 755 "$WORK" "$(dirname "$APP")" "$APP"
  chown nobody "$WORK/data"
  # setpriv execs the server itself (no wrapper process in between to eat the signal).
  AS=(setpriv --reuid=nobody --regid=nogroup --clear-groups --)
fi
export TRIAD_DATA_DIR="$WORK/data" TRIAD_LOG_LEVEL=warn TRIAD_HEALTHCHECK_URL="http://127.0.0.1:$PORT/api/health/ready"
"${AS[@]}" env TRIAD_DATA_DIR="$TRIAD_DATA_DIR" TRIAD_LOG_LEVEL=warn node "$APP/bin/triad.js" serve --host 127.0.0.1 --port "$PORT" >"$WORK/server.log" 2>&1 &
PID=$!
for _ in $(seq 1 120); do
  if node "$APP/bin/healthcheck.js"; then break; fi
  if ! kill -0 "$PID" 2>/dev/null; then cat "$WORK/server.log"; echo "the packaged server exited"; exit 1; fi
  sleep 0.5
done
node "$APP/bin/healthcheck.js" || { cat "$WORK/server.log"; echo "the packaged server never became ready"; exit 1; }
node "$APP/bin/triad.js" --help >/dev/null
kill -TERM "$PID"
wait "$PID" || { cat "$WORK/server.log"; echo "the packaged server did not stop cleanly"; exit 1; }
echo "Packaged Triad served on port $PORT${AS:+ as nobody}, passed its health check and stopped cleanly."
