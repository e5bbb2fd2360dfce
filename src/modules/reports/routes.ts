/** HTTP routes of the reports: thin handlers over the domain functions, one schema each. */
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../server/context.js';
import { authOf } from '../../server/http/auth.js';
import type { ZodApp } from '../../server/module.js';
import { fileSlug, getPack, getPackFile, issueBoardPack, listPacks, requestBoardPack, currentQuarter } from './packs.js';
import { makePortfolioReport } from './portfolio.js';
import { portfolioDocument, worstCaseDocument } from './documents.js';
import { FormatQuery, GenerateInput, IssueInput, PackDetailOut, PackListOut, PackOut, PortfolioReport, QbrContent, QbrQuery, WorstCaseReport } from './schema.js';
import { makeQbr, renderQbrHtml, renderQbrPdf } from './qbr/make.js';
import { makeWorstCase } from './worst-case.js';

const TAGS = ['reports'];
const PackParams = z.strictObject({ clientId: z.string(), packId: z.string().min(1).max(64) });

/** The renderers (pdfkit, ECharts) load on the first download, not when the server starts. */
const renderers = () => import('./render/documents.js');

/** OpenAPI entries of the file downloads (the bytes go out as they are, past the JSON serialiser). */
const pdfResponse = (description: string) => ({
  description,
  content: { 'application/pdf': { schema: z.string().meta({ format: 'binary' }).describe('The PDF document') } },
});
const htmlResponse = (description: string) => ({
  description,
  content: { 'text/html': { schema: z.string().describe('A self-contained HTML page: inline CSS, charts as inline SVG, no external requests') } },
});

function sendFile(reply: FastifyReply, body: Buffer | string, contentType: string, filename: string, attachment: boolean): FastifyReply {
  return reply
    .type(contentType)
    .header('content-disposition', `${attachment ? 'attachment' : 'inline'}; filename="${filename}"`)
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .send(body);
}

export function reportClientRoutes(app: ZodApp): void {
  app.get('/board-packs', {
    config: { permission: 'reports.read' },
    schema: { tags: TAGS, summary: 'The client\u2019s board packs, newest quarter first (drafts for advisors and executives)', response: { 200: PackListOut } },
  }, async (request) => {
    const { scope } = request;
    return { packs: await listPacks(scope), currentQuarter: currentQuarter(scope), can: { generate: scope.can('reports.generate'), readDrafts: scope.can('reports.drafts') } };
  });

  app.post('/board-packs', {
    config: { permission: 'reports.generate' },
    schema: {
      tags: TAGS,
      summary: 'Generate (or regenerate) the draft board pack of a quarter in the background; follow it in /jobs?kind=reports.board-pack (advisors)',
      body: GenerateInput,
      response: { 202: PackOut },
    },
  }, async (request, reply) => reply.code(202).send(await requestBoardPack(request.scope, request.body.quarter)));

  app.get('/board-packs/:packId', {
    config: { permission: 'reports.read' },
    schema: { tags: TAGS, summary: 'One board pack with its content (sections, figures, tables, chart data, the seats\u2019 responses)', params: PackParams, response: { 200: PackDetailOut } },
  }, async (request) => getPack(request.scope, request.params.packId));

  app.get('/board-packs/:packId.pdf', {
    config: { permission: 'reports.read' },
    schema: {
      tags: TAGS,
      summary: 'The board pack as PDF (A4), byte for byte as rendered when it was made or issued',
      params: PackParams,
      querystring: FormatQuery,
      produces: ['application/pdf'],
      response: { 200: pdfResponse('The board pack as PDF') },
    },
  }, async (request, reply) => {
    const f = await getPackFile(request.scope, request.params.packId, 'pdf');
    return sendFile(reply, f.body, f.contentType, f.filename, request.query.download === '1');
  });

  app.get('/board-packs/:packId.html', {
    config: { permission: 'reports.read' },
    schema: {
      tags: TAGS,
      summary: 'The board pack as one self-contained HTML page, as rendered when it was made or issued',
      params: PackParams,
      querystring: FormatQuery,
      produces: ['text/html'],
      response: { 200: htmlResponse('The board pack as HTML') },
    },
  }, async (request, reply) => {
    const f = await getPackFile(request.scope, request.params.packId, 'html');
    return sendFile(reply, f.body, f.contentType, f.filename, request.query.download === '1');
  });

  app.post('/board-packs/:packId/issue', {
    config: { permission: 'reports.generate' },
    schema: {
      tags: TAGS,
      summary: 'Issue the pack: freeze it as the quarter\u2019s snapshot (refused while a seat owes a response, unless an advisor gives an override reason)',
      params: PackParams,
      body: IssueInput,
      response: { 200: PackDetailOut },
    },
  }, async (request) => issueBoardPack(request.scope, request.params.packId, request.body));

  app.get('/reports/worst-case', {
    config: { permission: 'reports.read' },
    schema: { tags: TAGS, summary: 'The ransomware worst case: the cost of an attack as a range with its assumptions, and the yearly cost of the treatments that cut it', response: { 200: WorstCaseReport } },
  }, async (request) => makeWorstCase(request.scope));

  app.get('/reports/worst-case.pdf', {
    config: { permission: 'reports.read' },
    schema: { tags: TAGS, summary: 'The ransomware worst-case one-pager as PDF', querystring: FormatQuery, produces: ['application/pdf'], response: { 200: pdfResponse('The one-pager as PDF') } },
  }, async (request, reply) => {
    const pdf = await (await renderers()).renderDocumentPdf(worstCaseDocument(await makeWorstCase(request.scope)));
    return sendFile(reply, pdf, 'application/pdf', `${fileSlug(request.scope.client.name)}-ransomware-worst-case.pdf`, request.query.download === '1');
  });

  app.get('/reports/worst-case.html', {
    config: { permission: 'reports.read' },
    schema: { tags: TAGS, summary: 'The ransomware worst-case one-pager as a self-contained HTML page', querystring: FormatQuery, produces: ['text/html'], response: { 200: htmlResponse('The one-pager as HTML') } },
  }, async (request, reply) => {
    const html = await (await renderers()).renderDocumentHtml(worstCaseDocument(await makeWorstCase(request.scope)));
    return sendFile(reply, html, 'text/html; charset=utf-8', `${fileSlug(request.scope.client.name)}-ransomware-worst-case.html`, request.query.download === '1');
  });
}

/** The quarterly business review of a client: its content, PDF and HTML, made on request from the records as they are. */
export function qbrRoutes(app: ZodApp): void {
  app.get('/reports/qbr', {
    config: { permission: 'reports.read' },
    schema: { tags: TAGS, summary: 'The quarterly business review: done last quarter, the roadmap for the next four, the IT budget against actual with the forecast, replacements and renewals due, security maturity with the roadmap beside its largest gaps, risk in money and its trend', querystring: QbrQuery, response: { 200: QbrContent } },
  }, async (request) => makeQbr(request.scope, request.query.quarter));

  app.get('/reports/qbr.pdf', {
    config: { permission: 'reports.read' },
    schema: { tags: TAGS, summary: 'The quarterly business review as PDF (A4)', querystring: QbrQuery, produces: ['application/pdf'], response: { 200: pdfResponse('The QBR as PDF') } },
  }, async (request, reply) => {
    const content = await makeQbr(request.scope, request.query.quarter);
    return sendFile(reply, await renderQbrPdf(content), 'application/pdf', `${fileSlug(request.scope.client.name)}-qbr-${content.quarter.key}.pdf`, request.query.download === '1');
  });

  app.get('/reports/qbr.html', {
    config: { permission: 'reports.read' },
    schema: { tags: TAGS, summary: 'The quarterly business review as a self-contained HTML page', querystring: QbrQuery, produces: ['text/html'], response: { 200: htmlResponse('The QBR as HTML') } },
  }, async (request, reply) => {
    const content = await makeQbr(request.scope, request.query.quarter);
    return sendFile(reply, await renderQbrHtml(content), 'text/html; charset=utf-8', `${fileSlug(request.scope.client.name)}-qbr-${content.quarter.key}.html`, request.query.download === '1');
  });
}

/** The firm's portfolio report (outside any one client): firm admins and advisors. */
export function reportFirmRoutes(app: ZodApp, ctx: AppContext): void {
  app.get('/api/reports/portfolio', {
    schema: { tags: TAGS, summary: 'Every client the caller may see, side by side: expected loss, appetite, escalations, expiring acceptances, renewals (advisors and firm admins)', response: { 200: PortfolioReport } },
  }, async (request) => makePortfolioReport(ctx, authOf(request).user));

  app.get('/api/reports/portfolio.pdf', {
    schema: { tags: TAGS, summary: 'The portfolio report as PDF (A4 landscape)', querystring: FormatQuery, produces: ['application/pdf'], response: { 200: pdfResponse('The portfolio report as PDF') } },
  }, async (request, reply) => {
    const report = await makePortfolioReport(ctx, authOf(request).user);
    return sendFile(reply, await (await renderers()).renderDocumentPdf(portfolioDocument(report)), 'application/pdf', `portfolio-report-${report.asOf}.pdf`, request.query.download === '1');
  });

  app.get('/api/reports/portfolio.html', {
    schema: { tags: TAGS, summary: 'The portfolio report as a self-contained HTML page', querystring: FormatQuery, produces: ['text/html'], response: { 200: htmlResponse('The portfolio report as HTML') } },
  }, async (request, reply) => {
    const report = await makePortfolioReport(ctx, authOf(request).user);
    return sendFile(reply, await (await renderers()).renderDocumentHtml(portfolioDocument(report)), 'text/html; charset=utf-8', `portfolio-report-${report.asOf}.html`, request.query.download === '1');
  });
}
