# Triad's container image. The build stage runs scripts/package.sh, the same script CI runs
# (.ci/run packages Triad with it and scripts/smoke-package.sh serves the result), so the image
# is built by steps that are tested even where no container engine runs.
FROM node:22-bookworm-slim AS build
# better-sqlite3 compiles its native module when no prebuilt one fits.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN bash scripts/package.sh /app

FROM node:22-bookworm-slim
ENV NODE_ENV=production \
    TRIAD_DATA_DIR=/data
WORKDIR /app
COPY --from=build /app /app
# The embedded database, and scheduled backups if TRIAD_BACKUP_DIR points under it.
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 CMD ["node", "/app/bin/healthcheck.js"]
# Triad finishes requests and jobs for TRIAD_SHUTDOWN_SECONDS (20) after SIGTERM: give
# `docker stop` more than that (docker stop -t 30; compose.yaml sets stop_grace_period).
STOPSIGNAL SIGTERM
CMD ["node", "/app/bin/triad.js", "serve", "--host", "0.0.0.0", "--port", "3000"]
