import cookie from '@fastify/cookie';
import helmet from 'helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifySchema } from 'fastify';
import { z } from 'zod';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { documentTransform, operationIdOf, routeTransform } from './openapi.js';
import { modules } from '../modules/index.js';
import type { AppContext } from './context.js';
import { newId } from './db/conventions.js';
import { AppError, sayingError } from './errors.js';
import { installAuth } from './http/auth.js';
import { installClientScope } from './http/client-scope.js';
import { languageOf } from './i18n/language.js';
import { ErrorBody, installErrorHandler, sendError } from './http/error-handler.js';
import type { ZodApp } from './module.js';
import { webDistDir } from './paths.js';
import { VERSION } from './version.js';
import { installMetrics } from './http/metrics.js';
import { refuseBody, takesNoBody } from './http/no-body.js';
import { serveWebApp } from './web-assets.js';
import { LIST_CONVENTION } from '../shared/paging.js';

export interface ServerOptions {
  /** The built web app to serve; null serves the API alone. Defaults to dist/web when it exists. */
  webDir?: string | null;
}

export interface RouteInfo {
  method: string;
  url: string;
  permission: string | null;
  public: boolean;
  /** The route's own input schemas (Zod) and accepted content types, for tests that generate input. */
  input: { params?: unknown; querystring?: unknown; body?: unknown; consumes?: string[] };
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every /api route with its method and permission. */
    triadRoutes: RouteInfo[];
  }
}

/** The path of the first string (or key) holding a NUL character, if any. */
function findNul(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNul(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes('\u0000')) return path;
      const found = findNul(v, `${path}.${k}`);
      if (found) return found;
    }
  }
  return null;
}

function routeInput(schema: FastifySchema | undefined): RouteInfo['input'] {
  const s = (schema ?? {}) as FastifySchema & { consumes?: string[] };
  return { params: s.params, querystring: s.querystring, body: s.body, ...(s.consumes ? { consumes: s.consumes } : {}) };
}

/**
 * Trust the socket's peer and the X-Forwarded-For entries the other proxies appended, counting
 * from the right: with one hop the client is the last entry, the one the proxy wrote, whatever a
 * client put before it. (Fastify's own numeric setting trusts nothing since 5.12.)
 */
function trustHops(hops: number): false | ((address: string, hop: number) => boolean) {
  return hops > 0 ? (_address, hop) => hop < hops : false;
}

const REQUEST_ID_RE = /^[A-Za-z0-9._-]{8,128}$/;

/**
 * Builds the HTTP server: Fastify with Zod schemas on every route, one error body, request ids,
 * security headers, cookie sessions with CSRF, API tokens, OpenAPI, the
 * modules' routes and the web app.
 */
export async function buildServer(ctx: AppContext, options: ServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: ctx.log,
    bodyLimit: ctx.config.bodyLimit,
    trustProxy: trustHops(ctx.config.trustProxyHops),
    requestIdHeader: 'x-request-id',
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID_RE.test(given) ? given : newId();
    },
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    // Errors the router raises before any route runs (malformed or oversized URLs).
    frameworkErrors: (error, request, reply) => {
      const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
      void sendError(reply, request, 'BAD_REQUEST', tooLong ? 'A path parameter is too long.' : 'The URL is malformed.');
    },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);

  app.decorateRequest('language', 'en');
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    request.language = languageOf(request.headers['accept-language']);
    // PostgreSQL cannot store NUL in text; refuse it at the door rather than fail deep inside.
    if (/%00/.test(request.url)) throw new AppError('BAD_REQUEST', 'The URL contains a NUL character.');
    // Until the database is migrated (and the demo made), only the health probes answer.
    const phase = ctx.lifecycle.phase;
    if ((phase === 'starting' || phase === 'migrating') && !request.url.startsWith('/api/health')) {
      reply.header('retry-after', '5');
      throw sayingError('UNAVAILABLE', phase === 'migrating' ? 'error.migrating' : 'error.starting');
    }
  });
  // JSON answers of the API hold a client's records: no cache (browser, proxy) may keep them.
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith('/api/') && String(reply.getHeader('content-type') ?? '').includes('json') && !reply.hasHeader('cache-control')) {
      reply.header('cache-control', 'no-store');
    }
    // Answers of the API may hold words in the reader's language (languageOf): say which, and
    // that another Accept-Language may get another answer.
    if (request.url.startsWith('/api/')) reply.header('content-language', request.language).header('vary', 'Accept-Language');
    return payload;
  });
  installMetrics(app, ctx);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = body as string;
    let value: unknown;
    try {
      value = text === '' ? undefined : JSON.parse(text);
    } catch {
      done(Object.assign(new Error('The request body is not valid JSON.'), { statusCode: 400, code: 'FST_ERR_CTP_INVALID_JSON_BODY' }), undefined);
      return;
    }
    const where = findNul(value, 'body');
    if (where) {
      done(new AppError('BAD_REQUEST', `Text must not contain NUL characters (${where}).`, [{ path: where, message: 'contains a NUL character' }]), undefined);
      return;
    }
    done(null, value);
  });
  // Every route documents and serialises the error body for its failures; the catalogue of
  // routes with their permissions is what the tenancy test walks.
  const catalogue: RouteInfo[] = [];
  app.decorate('triadRoutes', catalogue);
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/')) {
      for (const method of [route.method].flat()) {
        if (method !== 'HEAD') catalogue.push({ method, url: route.url, permission: route.config?.permission ?? null, public: route.config?.public === true, input: routeInput(route.schema) });
      }
    }
    if (!route.url.startsWith('/api/') || !route.schema) return;
    // A change that takes no input refuses a body instead of ignoring it.
    if (takesNoBody(route)) route.preValidation = [...[route.preValidation ?? []].flat(), refuseBody];
    const response = (route.schema.response ?? {}) as Record<string, unknown>;
    route.schema.response = { ...response, '4XX': ErrorBody, '5XX': ErrorBody };
    // Public routes say so (an empty requirement); the others take a session or a token.
    route.schema.security = route.config?.public === true ? [] : [{ session: [] }, { token: [] }];
    const schema = route.schema as { operationId?: string };
    schema.operationId ??= operationIdOf([route.method].flat()[0]!, route.url);
  });

  await app.register(cookie);
  // The security headers (helmet): made once, set on every answer.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: ctx.config.trustProxyHops > 0,
  });
  app.addHook('onRequest', (request, reply, done) => {
    securityHeaders(request.raw, reply.raw, (err?: unknown) => done(err instanceof Error ? err : undefined));
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Triad API',
        version: VERSION,
        description:
          'The REST API of Triad. Sign in with POST /api/auth/login (cookie session; send the CSRF token in X-CSRF-Token on changes) or send a personal API token as `Authorization: Bearer triad_…`. Every failure answers `{ "error": { "code", "message", "details" } }`. Money is in major units of the client\'s currency. ' +
          LIST_CONVENTION,
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'triad_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: routeTransform,
    transformObject: documentTransform(ctx.config.publicUrl ?? '/'),
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list', deepLinking: true }, staticCSP: false });

  installAuth(app, ctx);

  app.get('/api/openapi.json', {
    config: { public: true },
    schema: { tags: ['system'], summary: 'This API described in OpenAPI 3.1', response: { 200: z.looseObject({ openapi: z.string() }) } },
  }, () => app.swagger() as unknown as { openapi: string });

  const zapp = app as unknown as ZodApp;
  for (const m of modules) await m.routes?.(zapp, ctx);
  await app.register(async (scoped) => {
    installClientScope(scoped, ctx);
    for (const m of modules) await m.clientRoutes?.(scoped, ctx);
  }, { prefix: '/api/clients/:clientId' });

  const webDir = options.webDir === undefined ? webDistDir() : options.webDir;
  const notFound = (request: FastifyRequest, reply: FastifyReply) => sendError(reply, request, 'NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]}`);
  if (!webDir || !(await serveWebApp(app, webDir, notFound))) app.setNotFoundHandler(notFound);
  return app;
}
