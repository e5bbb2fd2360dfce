import { z } from 'zod';
import type { ZodApp } from '../../../server/module.js';
import { createDataset, dataLocations, deleteDataset, getDataset, listDatasets, updateDataset } from '../datasets.js';
import { createGrant, deleteGrant, getGrant, listGrants, revokeGrant, updateGrant } from '../grants.js';
import { closeReview, decideItem, getReview, listReviews, startReview } from '../reviews.js';
import { CLASSIFICATIONS } from '../vocab.js';
import { Ok } from './estate.js';
import { DataLocationsOut, DatasetInput, DatasetList, DatasetOut, DatasetQuery, DatasetPatch, DecisionInput, GrantInput, GrantList, GrantOut, GrantPatch, GrantQuery, ReviewDetail, ReviewInput, ReviewOut } from '../access-schema.js';
import { IdParam, Text } from '../schema.js';

const DatasetParams = z.strictObject({ clientId: z.string(), datasetId: IdParam });
const GrantParams = z.strictObject({ clientId: z.string(), grantId: IdParam });
const ReviewParams = z.strictObject({ clientId: z.string(), reviewId: IdParam });

/** The data map: data sets and where critical data lives. */
export function dataMapRoutes(app: ZodApp): void {
  const tags = ['data map'];
  app.get('/estate/datasets', {
    config: { permission: 'estate.read' },
    schema: {
      tags,
      summary: 'A page of data sets with their classification, categories, records, where they are stored or processed',
      querystring: DatasetQuery,
      response: { 200: DatasetList },
    },
  }, async (request) => listDatasets(request.scope, request.query));

  app.post('/estate/datasets', {
    config: { permission: 'estate.edit' },
    schema: { tags, summary: 'Add a data set', body: DatasetInput, response: { 201: DatasetOut } },
  }, async (request, reply) => reply.code(201).send(await createDataset(request.scope, request.body)));

  app.get('/estate/datasets/locations', {
    config: { permission: 'estate.read' },
    schema: {
      tags,
      summary: 'Critical data located: the systems and vendors (fourth parties included) holding data sets of a classification or above',
      querystring: z.strictObject({ classification: z.enum(CLASSIFICATIONS).default('restricted') }),
      response: { 200: DataLocationsOut },
    },
  }, async (request) => dataLocations(request.scope, request.query.classification));

  app.get('/estate/datasets/:datasetId', {
    config: { permission: 'estate.read' },
    schema: { tags, summary: 'One data set', params: DatasetParams, response: { 200: DatasetOut } },
  }, async (request) => getDataset(request.scope, request.params.datasetId));

  app.patch('/estate/datasets/:datasetId', {
    config: { permission: 'estate.edit' },
    schema: { tags, summary: 'Change a data set (systemIds and vendorIds replace its locations)', params: DatasetParams, body: DatasetPatch, response: { 200: DatasetOut } },
  }, async (request) => updateDataset(request.scope, request.params.datasetId, request.body));

  app.delete('/estate/datasets/:datasetId', {
    config: { permission: 'estate.edit' },
    schema: { tags, summary: 'Remove a data set (with its access grants)', params: DatasetParams, response: { 200: Ok } },
  }, async (request) => {
    await deleteDataset(request.scope, request.params.datasetId);
    return { ok: true as const };
  });
}

/** Access grants and access reviews. */
export function accessRoutes(app: ZodApp): void {
  const tags = ['access'];
  app.get('/estate/grants', {
    config: { permission: 'estate.read' },
    schema: { tags, summary: 'A page of access grants to data sets and systems; flagged ones lack a reason or an owner', querystring: GrantQuery, response: { 200: GrantList } },
  }, async (request) => listGrants(request.scope, request.query));

  app.post('/estate/grants', {
    config: { permission: 'estate.edit' },
    schema: { tags, summary: 'Record a grant of access', body: GrantInput, response: { 201: GrantOut } },
  }, async (request, reply) => reply.code(201).send(await createGrant(request.scope, request.body)));

  app.get('/estate/grants/:grantId', {
    config: { permission: 'estate.read' },
    schema: { tags, summary: 'One access grant', params: GrantParams, response: { 200: GrantOut } },
  }, async (request) => getGrant(request.scope, request.params.grantId));

  app.patch('/estate/grants/:grantId', {
    config: { permission: 'estate.edit' },
    schema: { tags, summary: 'Change a grant (level, reason, owner…)', params: GrantParams, body: GrantPatch, response: { 200: GrantOut } },
  }, async (request) => updateGrant(request.scope, request.params.grantId, request.body));

  app.post('/estate/grants/:grantId/revoke', {
    config: { permission: 'estate.edit' },
    schema: { tags, summary: 'Revoke a grant (it stays on record as revoked)', params: GrantParams, body: z.strictObject({ reason: Text(1000) }), response: { 200: GrantOut } },
  }, async (request) => revokeGrant(request.scope, request.params.grantId, request.body.reason));

  app.delete('/estate/grants/:grantId', {
    config: { permission: 'estate.edit' },
    schema: { tags, summary: 'Delete a grant recorded by mistake (revoke it otherwise)', params: GrantParams, response: { 200: Ok } },
  }, async (request) => {
    await deleteGrant(request.scope, request.params.grantId);
    return { ok: true as const };
  });

  app.get('/estate/reviews', {
    config: { permission: 'estate.read' },
    schema: { tags, summary: 'Access review campaigns with their progress', response: { 200: z.object({ reviews: z.array(ReviewOut) }) } },
  }, async (request) => ({ reviews: await listReviews(request.scope) }));

  app.post('/estate/reviews', {
    config: { permission: 'access.review.manage' },
    schema: { tags, summary: 'Start an access review: every active grant goes to its owner to certify or revoke by the due date (advisors)', body: ReviewInput, response: { 201: ReviewDetail } },
  }, async (request, reply) => reply.code(201).send(await startReview(request.scope, request.body)));

  app.get('/estate/reviews/:reviewId', {
    config: { permission: 'estate.read' },
    schema: {
      tags,
      summary: 'One access review with its items, who decides each, and whether the caller may',
      params: ReviewParams,
      querystring: z.strictObject({ mine: z.enum(['true', 'false']).default('false').describe('Only the undecided items the caller is to decide') }),
      response: { 200: ReviewDetail },
    },
  }, async (request) => getReview(request.scope, request.params.reviewId, { mine: request.query.mine === 'true' }));

  app.post('/estate/reviews/:reviewId/items/:itemId/decision', {
    config: { permission: 'access.certify' },
    schema: {
      tags,
      summary: 'Certify or revoke a grant in a review (its owner, or an advisor); revoking revokes the grant',
      params: ReviewParams.extend({ itemId: IdParam }),
      body: DecisionInput,
      response: { 200: ReviewDetail },
    },
  }, async (request) => decideItem(request.scope, request.params.reviewId, request.params.itemId, request.body));

  app.post('/estate/reviews/:reviewId/close', {
    config: { permission: 'access.review.manage' },
    schema: { tags, summary: 'Close a review before every item is decided (advisors)', params: ReviewParams, response: { 200: ReviewDetail } },
  }, async (request) => closeReview(request.scope, request.params.reviewId));
}
