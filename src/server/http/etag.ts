/**
 * JSON answers already serialised (a cached register), sent with an ETag: a caller that sends
 * the ETag of the answer it holds back in `If-None-Match` gets 304 and no body while the answer
 * is byte for byte the same. The ETag is a digest of the body itself, so any change to what the
 * answer says changes it, and a 304 never stands for an answer that changed.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

export function etagOf(body: string | Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url')}"`;
}

/** Whether an If-None-Match header names this ETag (weakly compared, as RFC 9110 asks for GET). */
export function matchesEtag(header: string | string[] | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const tags = (Array.isArray(header) ? header.join(',') : header).split(',').map((t) => t.trim().replace(/^W\//, ''));
  return tags.includes('*') || tags.includes(etag);
}

/**
 * Sends a serialised JSON body with its ETag (the digest of the body, computed here unless the
 * caller kept it), or 304 when the caller already holds it. Like
 * every JSON answer of the API it is `no-store`: no browser or proxy cache keeps a client's
 * records; a caller keeps the answer and its ETag itself and asks again with If-None-Match.
 */
export function sendJsonWithEtag(request: FastifyRequest, reply: FastifyReply, answer: { body: string | Buffer; etag?: string }): FastifyReply {
  const { body } = answer;
  const etag = answer.etag ?? etagOf(body);
  reply.header('etag', etag).header('cache-control', 'no-store');
  if (matchesEtag(request.headers['if-none-match'], etag)) return reply.code(304).send();
  return reply.code(200).type('application/json; charset=utf-8').send(body);
}
