#!/usr/bin/env bash
# Builds Triad for deployment into DEST: the compiled server, CLI and web app with the
# production dependencies only. The Dockerfile's build stage runs exactly this script
# (`bash scripts/package.sh /app`), and so does CI (.ci/run, then scripts/smoke-package.sh
# runs the result), because no container engine runs where CI does.
# It works on a copy of the sources, so it never touches the checkout's node_modules or dist.
set -euo pipefail
DEST="${1:?usage: scripts/package.sh DEST}"
SRC="$(cd "$(dirname "$0")/.." && pwd)"
STAGE="$(mktemp -d "${TMPDIR:-/tmp}/triad-package.XXXXXX")"
trap 'rm -rf "$STAGE"' EXIT

tar -C "$SRC" --exclude=./node_modules --exclude=./dist --exclude=./.git --exclude=./data --exclude=./test-results -cf - . | tar -C "$STAGE" -xf -
cd "$STAGE"
npm ci --no-audit --no-fund
npm run build
npm prune --omit=dev --no-audit --no-fund

rm -rf "$DEST"
mkdir -p "$DEST"
cp -R dist bin node_modules package.json package-lock.json "$DEST/"
echo "Triad $(node -p 'require("./package.json").version') packaged in $DEST"
