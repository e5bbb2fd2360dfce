import type { FastifyInstance } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';

/**
 * With TRIAD_METRICS=on: counts and times every answered request by its route pattern (not
 * its URL, so ids do not multiply the series) and serves GET /metrics in Prometheus's text
 * format, behind `Authorization: Bearer <TRIAD_METRICS_TOKEN>` when that is set.
 */
export function installMetrics(app: FastifyInstance, ctx: AppContext): void {
  const metrics = ctx.metrics;
  if (!metrics) return;
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? '(unmatched)';
    const labels = { method: request.method, route };
    metrics.requests.inc({ ...labels, status: String(reply.statusCode) });
    metrics.latency.observe(labels, reply.elapsedTime / 1000);
  });
  const expected = ctx.config.metricsToken ? Buffer.from(`Bearer ${ctx.config.metricsToken}`) : null;
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (expected) {
      const given = Buffer.from(request.headers.authorization ?? '');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw new AppError('UNAUTHENTICATED', 'The metrics need `Authorization: Bearer <TRIAD_METRICS_TOKEN>`.');
      }
    }
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
}
