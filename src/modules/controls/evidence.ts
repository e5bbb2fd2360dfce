/**
 * Evidence for an outcome: links (a policy on the intranet, a ticket) and files (a policy PDF,
 * a screenshot), the files' bytes kept in the database (both SQLite and PostgreSQL, and so in
 * every backup) up to a size limit (TRIAD_EVIDENCE_MAX_BYTES). Whoever may answer an outcome may
 * add evidence to it; advisors, and the person who added it while they may still answer, remove it.
 */
import { createHash } from 'node:crypto';
import type { ClientScope } from '../../server/context.js';
import { newId, toTimestamp } from '../../server/db/conventions.js';
import { AppError, forbidden, invalid, notFound } from '../../server/errors.js';
import { answerRights, requireAnswerRight } from './answers.js';
import { removeUnusedFiles } from './assessments.js';
import { loadAnswer, loadAssessment, requireInProgress } from './common.js';
import type { EvidenceLinkInput, EvidenceOut } from './schema.js';
import type { CtlEvidenceTable } from './tables.js';

const MEDIA_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  txt: 'text/plain',
  md: 'text/markdown',
  csv: 'text/csv',
  json: 'application/json',
  zip: 'application/zip',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};

export function mediaTypeOf(fileName: string): string {
  const ext = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase();
  return (ext && MEDIA_TYPES[ext]) ?? 'application/octet-stream';
}

/** `10 MB` for people. */
export function sizeWords(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / 1024 / 1024).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} kB`;
  return `${bytes} bytes`;
}

export function tooLarge(limit: number, size: number | null): AppError {
  return new AppError(
    'PAYLOAD_TOO_LARGE',
    `The file is ${size !== null ? `${sizeWords(size)}, ` : ''}larger than the evidence limit of ${sizeWords(limit)} (${limit.toLocaleString('en-US')} bytes, set by TRIAD_EVIDENCE_MAX_BYTES); nothing was stored. Link to a larger file instead.`,
    [{ path: 'body', message: `larger than ${limit} bytes` }],
  );
}

/**
 * Reads an upload into memory, refusing it as soon as it passes `limit` bytes (what the client
 * announced in Content-Length first). The rest of an oversized body is read and dropped, up to a
 * bound, so the client sees the refusal rather than a broken connection.
 */
export async function readUpload(body: AsyncIterable<Buffer | string> | Iterable<Buffer | string>, limit: number, declared: number | null): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  let over = declared !== null && declared > limit;
  for await (const chunk of body) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += b.length;
    if (size > limit) over = true;
    if (over) {
      if (size > limit * 4 + 1024 * 1024) break;
      continue;
    }
    chunks.push(b);
  }
  if (over) throw tooLarge(limit, declared ?? size);
  return Buffer.concat(chunks);
}

export function presentEvidence(clientId: string, e: CtlEvidenceTable, controlId: string): EvidenceOut {
  return {
    id: e.id,
    controlId,
    kind: e.kind,
    title: e.title,
    url: e.url,
    fileName: e.file_name,
    mediaType: e.media_type,
    bytes: e.size_bytes,
    sha256: e.sha256,
    downloadUrl: e.kind === 'file' ? `/api/clients/${clientId}/controls/evidence/${e.id}/file` : null,
    addedBy: e.added_by,
    addedAt: e.added_at,
    carriedOver: e.carried_from_id !== null,
  };
}

export async function addEvidenceLink(scope: ClientScope, assessmentId: string, controlId: string, input: EvidenceLinkInput): Promise<EvidenceOut> {
  const row = await loadAssessment(scope.db, assessmentId);
  const answer = await loadAnswer(scope.db, assessmentId, controlId);
  await requireAnswerRight(scope, row, controlId);
  return scope.write(async (w) => {
    const e: Omit<CtlEvidenceTable, 'client_id'> = {
      id: newId(), assessment_id: assessmentId, answer_id: answer.id, kind: 'link', title: input.title, url: input.url, file_id: null, file_name: null, media_type: null,
      size_bytes: null, sha256: null, carried_from_id: null, added_by_user_id: scope.actor.userId, added_by: scope.actor.label, added_at: toTimestamp(w.now()),
    };
    await w.db.insertInto('ctl_evidence', e).execute();
    await w.audit({ action: 'assessment.evidence.add', entityType: 'assessment', entityId: assessmentId, after: { controlId, evidenceId: e.id, kind: 'link', title: e.title, url: e.url } });
    return presentEvidence(scope.clientId, { ...e, client_id: scope.clientId }, controlId);
  });
}

export interface FileMeta {
  fileName: string;
  title?: string | undefined;
  mediaType?: string | undefined;
}

/** Stores an evidence file; the body is read here, so a refused outcome is refused before the upload is read. */
export async function addEvidenceFile(scope: ClientScope, assessmentId: string, controlId: string, meta: FileMeta, body: AsyncIterable<Buffer | string> | Iterable<Buffer | string>, declared: number | null): Promise<EvidenceOut> {
  const row = await loadAssessment(scope.db, assessmentId);
  const answer = await loadAnswer(scope.db, assessmentId, controlId);
  await requireAnswerRight(scope, row, controlId);
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\\/\u0000-\u001f\u007f]/.test(meta.fileName)) throw invalid('Give the file\u2019s name without folders.', [{ path: 'querystring.fileName', message: 'must be a file name, without folders or control characters' }]);
  const limit = scope.app.config.evidenceMaxBytes;
  const content = await readUpload(body, limit, declared);
  if (content.length === 0) throw invalid('The file is empty; nothing was stored.', [{ path: 'body', message: 'is empty' }]);
  const sha256 = createHash('sha256').update(content).digest('hex');
  return scope.write(async (w) => {
    const now = toTimestamp(w.now());
    const fileId = newId();
    await w.db.insertInto('ctl_evidence_files', { id: fileId, content, size_bytes: content.length, sha256, created_at: now }).execute();
    const e: Omit<CtlEvidenceTable, 'client_id'> = {
      id: newId(), assessment_id: assessmentId, answer_id: answer.id, kind: 'file', title: meta.title ?? meta.fileName, url: null, file_id: fileId, file_name: meta.fileName,
      media_type: meta.mediaType ?? mediaTypeOf(meta.fileName), size_bytes: content.length, sha256, carried_from_id: null, added_by_user_id: scope.actor.userId, added_by: scope.actor.label, added_at: now,
    };
    await w.db.insertInto('ctl_evidence', e).execute();
    await w.audit({ action: 'assessment.evidence.add', entityType: 'assessment', entityId: assessmentId, after: { controlId, evidenceId: e.id, kind: 'file', title: e.title, fileName: e.file_name, mediaType: e.media_type, bytes: e.size_bytes, sha256 } });
    return presentEvidence(scope.clientId, { ...e, client_id: scope.clientId }, controlId);
  });
}

async function loadEvidence(scope: ClientScope, evidenceId: string): Promise<CtlEvidenceTable> {
  const e = await scope.db.selectFrom('ctl_evidence').selectAll().where('id', '=', evidenceId).executeTakeFirst();
  if (!e) throw notFound('Evidence');
  return e;
}

export async function deleteEvidence(scope: ClientScope, evidenceId: string): Promise<void> {
  scope.require('controls.answer');
  const e = await loadEvidence(scope, evidenceId);
  const row = await loadAssessment(scope.db, e.assessment_id);
  requireInProgress(row);
  const answer = await scope.db.selectFrom('ctl_answers').select('control_id').where('id', '=', e.answer_id).executeTakeFirstOrThrow();
  if (!scope.can('controls.manage')) {
    const may = await answerRights(scope, row);
    if (e.added_by_user_id !== scope.actor.userId || !may(answer.control_id)) throw forbidden('Only an advisor, or the person who added it while they are still answering, removes evidence.');
  }
  await scope.write(async (w) => {
    await w.db.deleteFrom('ctl_evidence').where('id', '=', evidenceId).execute();
    const removed = e.file_id ? await removeUnusedFiles(w, [e.file_id]) : 0;
    await w.audit({
      action: 'assessment.evidence.delete',
      entityType: 'assessment',
      entityId: e.assessment_id,
      before: { controlId: answer.control_id, evidenceId, kind: e.kind, title: e.title, url: e.url, fileName: e.file_name, bytes: e.size_bytes, sha256: e.sha256 },
      after: { fileRemoved: removed > 0 },
    });
  });
}

/** An evidence file's bytes, for download. */
export async function evidenceFile(scope: ClientScope, evidenceId: string): Promise<{ fileName: string; mediaType: string; content: Buffer; sha256: string }> {
  scope.require('controls.read');
  const e = await loadEvidence(scope, evidenceId);
  if (e.kind !== 'file' || !e.file_id) throw notFound('Evidence file (this evidence is a link)');
  const f = await scope.db.selectFrom('ctl_evidence_files').select(['content', 'sha256']).where('id', '=', e.file_id).executeTakeFirst();
  if (!f) throw notFound('Evidence file');
  return { fileName: e.file_name ?? 'evidence', mediaType: e.media_type ?? 'application/octet-stream', content: Buffer.from(f.content), sha256: f.sha256 };
}
