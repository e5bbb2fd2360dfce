#!/usr/bin/env node
// The container image's HEALTHCHECK: exits 0 when the server on this machine is ready
// (GET /api/health/ready answers 200 within 4 s), 1 otherwise. Needs nothing but Node.
const url = process.env.TRIAD_HEALTHCHECK_URL ?? 'http://127.0.0.1:3000/api/health/ready';
try {
  const res = await fetch(url, { signal: AbortSignal.timeout(4000) });
  process.exit(res.status === 200 ? 0 : 1);
} catch {
  process.exit(1);
}
