import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../context.js';
import { createRouter } from '../router.js';
import { errorResponses, IdParam, json } from '../schemas/common.js';
import {
  CreateDonationSchema,
  CreatedDonationSchema,
  DonationSchema,
  DonationTokenQuery,
  OneStopCountQuery,
  OneStopCountSchema,
  OneStopListSchema,
  OneStopReceivedSchema,
  RefundSchema,
  TownYearParams,
  YearQuery,
} from '../schemas/donations.js';
import { servicesOf } from '../services.js';
import { donationJson, oneStopFormView, oneStopRow, receiptView } from '../presenters/donations.js';
import { myNumberIssues, ONE_STOP_MAX_TOWNS } from '../../domain/donations.js';
import { DomainError } from '../../domain/errors.js';
import { checkIdempotencyKey, createDonation, donationOneStopForm, donationReceipt, donationRefused, requestHashOf, viewDonation } from '../../services/donations.js';
import { markOneStopReceived, myOneStopCount, townOneStopCsv, townOneStopRequests } from '../../services/one-stop.js';
import { refundDonation } from '../../services/refunds.js';
import { ReceiptDocument } from '../../../web/pages/receipt.js';
import { OneStopFormDocument } from '../../../web/pages/onestop-form.js';

export const donationRoutes = createRouter();

const html = (description: string) => ({ description, content: { 'text/html': { schema: z.string() } } });

/**
 * Before the schema: a My Number anywhere in the body (a `myNumber` key, or 12 digits in any field) is
 * refused with its own clear message, rather than the strict schema's generic "unrecognized key".
 */
donationRoutes.post('/donations', async (c, next) => {
  const body = await c.req.json().catch(() => undefined);
  if (body !== undefined) {
    const issues = myNumberIssues(body);
    if (issues.length) throw donationRefused('invalid', issues);
  }
  await next();
});

donationRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/donations',
    tags: ['donations'],
    summary: 'Start a donation: checks it, opens a checkout (card or konbini), returns where to pay',
    request: {
      headers: z.object({ 'idempotency-key': z.string().max(255).optional().openapi({ description: 'same key + same body → the same 201 answer; same key + other body → 422' }) }),
      body: { content: { 'application/json': { schema: CreateDonationSchema } }, required: true },
    },
    responses: {
      201: json(CreatedDonationSchema, 'pending donation; send the donor to checkoutUrl'),
      400: errorResponses[400],
      422: errorResponses[422],
      503: { description: 'payments unavailable', content: { 'application/json': { schema: errorResponses[400].content['application/json'].schema } } },
    },
  }),
  async (c) => {
    const body = c.req.valid('json');
    const key = checkIdempotencyKey(c.req.header('idempotency-key'));
    const res = await createDonation(servicesOf(c), c.var.principal, { input: body, idempotencyKey: key, requestHash: requestHashOf(body), lang: c.var.lang });
    if (res.replayed) c.header('Idempotent-Replayed', 'true');
    return c.json(res.body, 201);
  },
);

donationRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/donations/one-stop-count',
    tags: ['donations'],
    summary: 'How many municipalities the signed-in donor has given to this calendar year (one-stop limit: 5)',
    security: [{ bearer: [] }],
    request: { query: OneStopCountQuery },
    responses: { 200: json(OneStopCountSchema, 'the count, and whether this donation would go over five'), 400: errorResponses[400], 401: errorResponses[401], 403: errorResponses[403] },
  }),
  async (c) => {
    const s = await myOneStopCount(servicesOf(c), c.var.principal, c.req.valid('query'));
    return c.json({ ...s, limit: ONE_STOP_MAX_TOWNS }, 200);
  },
);

donationRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/donations/{id}',
    tags: ['donations'],
    summary: 'A donation and its status (donor, receiving town’s treasurer, admin)',
    request: { params: IdParam('don_0123456789abcdef01234567'), query: DonationTokenQuery },
    responses: { 200: json(DonationSchema, 'the donation'), 400: errorResponses[400], 401: errorResponses[401], 403: errorResponses[403], 404: errorResponses[404] },
  }),
  async (c) => {
    const d = await viewDonation(servicesOf(c), c.var.principal, { id: c.req.valid('param').id, token: c.req.valid('query').t });
    return c.json(donationJson(d), 200);
  },
);

donationRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/donations/{id}/receipt',
    tags: ['donations'],
    summary: '寄附金受領証明書, printable HTML (donor, issuing treasurer, admin)',
    request: { params: IdParam('don_0123456789abcdef01234567'), query: DonationTokenQuery },
    responses: { 200: html('the receipt, one A4 page; VOID after a refund'), 401: errorResponses[401], 403: errorResponses[403], 404: errorResponses[404], 409: errorResponses[409] },
  }),
  async (c) => {
    const { donation, town } = await donationReceipt(servicesOf(c), c.var.principal, { id: c.req.valid('param').id, token: c.req.valid('query').t });
    noStore(c);
    return c.html(ReceiptDocument({ receipt: receiptView(donation, town, c.var.lang), backHref: backHref(c, donation.id) }).toString(), 200);
  },
);

donationRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/donations/{id}/one-stop-form',
    tags: ['donations'],
    summary: '申告特例申請書 (様式55号の5), prefilled and printable; the My Number box is left blank',
    request: { params: IdParam('don_0123456789abcdef01234567'), query: DonationTokenQuery },
    responses: { 200: html('the one-stop form, one A4 page'), 401: errorResponses[401], 403: errorResponses[403], 404: errorResponses[404], 409: errorResponses[409] },
  }),
  async (c) => {
    const { donation, town } = await donationOneStopForm(servicesOf(c), c.var.principal, { id: c.req.valid('param').id, token: c.req.valid('query').t });
    noStore(c);
    return c.html(OneStopFormDocument({ form: oneStopFormView(donation, town, c.var.lang), backHref: backHref(c, donation.id) }).toString(), 200);
  },
);

donationRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/donations/{id}/refund',
    tags: ['donations'],
    summary: 'Refund a paid donation (the receiving town’s treasurer): Stripe refund, reversing entry, void receipt, donor emailed',
    security: [{ bearer: [] }],
    request: { params: IdParam('don_0123456789abcdef01234567'), body: { content: { 'application/json': { schema: RefundSchema } }, required: true } },
    responses: { 200: json(DonationSchema, 'the refunded donation'), 400: errorResponses[400], 401: errorResponses[401], 403: errorResponses[403], 404: errorResponses[404], 409: errorResponses[409] },
  }),
  async (c) => {
    const d = await refundDonation(servicesOf(c), c.var.principal, { id: c.req.valid('param').id, reason: c.req.valid('json').reason });
    return c.json(donationJson(d), 200);
  },
);

donationRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/donations/{id}/one-stop/received',
    tags: ['donations'],
    summary: 'The receiving town’s treasurer has the donor’s one-stop form',
    security: [{ bearer: [] }],
    request: { params: IdParam('don_0123456789abcdef01234567'), body: { content: { 'application/json': { schema: OneStopReceivedSchema } }, required: false } },
    responses: { 200: json(DonationSchema, 'the donation, with oneStopReceivedOn'), 400: errorResponses[400], 401: errorResponses[401], 403: errorResponses[403], 404: errorResponses[404], 409: errorResponses[409], 422: errorResponses[422] },
  }),
  async (c) => {
    // The body is optional, so it is read here rather than by the route's validator.
    const body = (await c.req.json().catch(() => ({}))) as { receivedOn?: string };
    const parsed = OneStopReceivedSchema.safeParse(body ?? {});
    if (!parsed.success) {
      const reason = parsed.error.issues[0]?.message ?? 'invalid body';
      throw new DomainError('invalid', 'bad_request', reason, { key: 'donation.bad_body', params: { reason } });
    }
    const d = await markOneStopReceived(servicesOf(c), c.var.principal, { id: c.req.valid('param').id, receivedOn: parsed.data.receivedOn });
    return c.json(donationJson(d), 200);
  },
);

async function oneStopList(c: Context<AppEnv>, code: string, yearParam: string | undefined) {
  const list = await townOneStopRequests(servicesOf(c), c.var.principal, { town: code, year: yearParam ? Number(yearParam) : undefined });
  return { town: list.town, year: list.year, deadline: list.deadline, requests: list.requests.map(oneStopRow) };
}

donationRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/towns/{code}/one-stop',
    tags: ['donations'],
    summary: 'The town’s one-stop requests of a calendar year (treasurer)',
    security: [{ bearer: [] }],
    request: { params: TownYearParams, query: YearQuery },
    responses: { 200: json(OneStopListSchema, 'one row per donation (one form per donation)'), 400: errorResponses[400], 401: errorResponses[401], 403: errorResponses[403] },
  }),
  async (c) => c.json(await oneStopList(c, c.req.valid('param').code, c.req.valid('query').year), 200),
);

donationRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/towns/{code}/one-stop.csv',
    tags: ['donations'],
    summary: 'The same list as CSV (UTF-8 with BOM, for Excel)',
    security: [{ bearer: [] }],
    request: { params: TownYearParams, query: YearQuery },
    responses: { 200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } }, 400: errorResponses[400], 401: errorResponses[401], 403: errorResponses[403] },
  }),
  async (c) => {
    const year = c.req.valid('query').year;
    const { text, filename } = await townOneStopCsv(servicesOf(c), c.var.principal, { town: c.req.valid('param').code, year: year ? Number(year) : undefined });
    noStore(c);
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="${filename}"`);
    return c.body(text, 200);
  },
);

/** Personal data: never cached by anyone but the reader's browser. */
function noStore(c: Context<AppEnv>) {
  c.header('Cache-Control', 'private, no-store');
}

function backHref(c: Context<AppEnv>, id: string): string {
  const t = c.req.query('t');
  return `/donations/${encodeURIComponent(id)}/thanks${t ? `?t=${encodeURIComponent(t)}` : ''}`;
}
