/**
 * The built web UI (web/dist) on the API's port: the workbench at /, the debtor portal at /portal.
 * Their client-side routes fall back to the page that owns them; /api, /dev and /docs keep the
 * API's own answers, so an unknown API path is still a JSON 404.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';

/** Where `scripts/ensure-web-build.mjs` puts the build. */
export const WEB_DIST_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** Paths that belong to the server, never to the UI. */
const SERVER_PREFIXES = ['/api/', '/dev/', '/docs'];

export interface WebUiOptions {
  /** The folder of the build (index.html, portal/index.html, assets/). */
  root: string;
}

/** The build's folder when it holds both pages, else undefined (the server then shows its plain start page). */
export function builtWebUi(root = WEB_DIST_DIR): WebUiOptions | undefined {
  return existsSync(join(root, 'index.html')) && existsSync(join(root, 'portal', 'index.html')) ? { root } : undefined;
}

export async function registerWebUi(server: FastifyInstance, opts: WebUiOptions): Promise<void> {
  await server.register(fastifyStatic, {
    root: opts.root,
    prefix: '/',
    // One route per file of the build, found when the server starts: the fallback below stays ours.
    wildcard: false,
    index: false,
    setHeaders(reply, path) {
      // Assets carry a content hash in their names; the pages do not and must be asked for each time.
      reply.header('cache-control', path.startsWith(join(opts.root, 'assets')) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const page = (reply: FastifyReply, file: string) => reply.header('cache-control', 'no-cache').sendFile(file, opts.root);
  server.get('/', { schema: { hide: true } }, (_req, reply) => page(reply, 'index.html'));
  server.get('/portal', { schema: { hide: true } }, (_req, reply) => page(reply, 'portal/index.html'));
  server.get('/portal/*', { schema: { hide: true } }, (_req, reply) => page(reply, 'portal/index.html'));
  server.get('/*', { schema: { hide: true } }, (req, reply) => {
    const path = req.url.split('?')[0] ?? '/';
    // A file the build does not have (a path whose last part has an extension) is a 404, not a page.
    if (SERVER_PREFIXES.some((p) => path.startsWith(p)) || /\.[A-Za-z0-9]+$/.test(path)) {
      // The same answer Fastify gives for a route it does not know.
      return reply.status(404).send({ code: 'NOT_FOUND', message: `Route ${req.method}:${req.url} not found`, error: 'Not Found', statusCode: 404, requestId: req.id });
    }
    return page(reply, 'index.html');
  });
}
