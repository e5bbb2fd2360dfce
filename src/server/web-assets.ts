import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isWebAppPath } from '../shared/web-routes.js';

/** A year: files whose name carries a hash of their content never change under that name. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Whether a file of the built web app (dist/web) is one of Vite's content-hashed files. */
export function isHashedAsset(filePath: string): boolean {
  return filePath.split(path.sep).includes('assets');
}

/**
 * Serves the built web app (`npm run build` writes it to dist/web) and answers the app's page
 * paths (src/shared/web-routes.ts) with its index.html; any other unknown path gets
 * `onNotFound`. Returns false when there is no built app in `webDir`.
 *
 * - The build leaves brotli and gzip copies beside each file (web/vite.config.ts); the browser
 *   gets the one it accepts, without compressing anything per request.
 * - Files under assets/ are named by a hash of their content, so browsers keep them a year
 *   without asking again; everything else, index.html first, is revalidated on each visit
 *   (`no-cache` with its ETag: an unchanged page costs a 304). A new release is one new
 *   index.html naming new files.
 */
export async function serveWebApp(
  app: FastifyInstance,
  webDir: string,
  onNotFound: (request: FastifyRequest, reply: FastifyReply) => FastifyReply,
): Promise<boolean> {
  if (!fs.existsSync(path.join(webDir, 'index.html'))) return false;
  await app.register(fastifyStatic, {
    root: webDir,
    wildcard: false,
    index: false,
    preCompressed: true,
    setHeaders: (reply, filePath) => {
      reply.header('cache-control', isHashedAsset(path.relative(webDir, filePath)) ? IMMUTABLE : 'no-cache');
    },
  });
  app.setNotFoundHandler((request, reply) => {
    if ((request.method === 'GET' || request.method === 'HEAD') && isWebAppPath(request.url.split('?')[0] ?? '')) {
      // The web app routes in the browser: any page path gets index.html.
      return reply.code(200).sendFile('index.html');
    }
    return onNotFound(request, reply);
  });
  return true;
}
