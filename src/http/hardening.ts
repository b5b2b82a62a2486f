/**
 * Security headers on every response, set in one onSend hook (no helmet: the list is short and ours).
 *
 * The Content-Security-Policy fits what the server serves: the built web UI (module scripts from
 * /assets, antd's CSS-in-JS <style> elements, ECharts drawing on canvas, evidence downloads as blob
 * URLs), the API docs at /docs (external scripts) and the plain start page (one <style>). Scripts come
 * only from this origin, nothing may frame the pages, and the API talks only to itself. A route that
 * sets its own policy keeps it.
 *
 * CSRF does not apply: sessions are bearer tokens the UI keeps and sends in the Authorization header,
 * never cookies, so a page on another site cannot make the browser send a signed-in request (the
 * browser adds cookies on its own, not headers). No route sets a cookie; a test holds that.
 */
import type { FastifyInstance } from 'fastify';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // antd (CSS-in-JS) and the start page write <style> elements; no script runs from them.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Every response carries these (the CSP unless the route set its own). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  // For browsers that predate frame-ancestors.
  'x-frame-options': 'DENY',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  'cross-origin-opener-policy': 'same-origin',
};

export function registerSecurityHeaders(server: FastifyInstance): void {
  server.addHook('onSend', async (_req, reply) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      if (!reply.hasHeader(name)) reply.header(name, value);
    }
  });
}
