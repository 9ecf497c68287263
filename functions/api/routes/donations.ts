import { createRoute, z } from '@hono/zod-openapi';
import { stringify } from 'csv-stringify/sync';
import type { Context } from 'hono';
import type { AppEnv } from '../context.js';
import { createRouter } from '../router.js';
import { assertTownRole, requirePrincipal } from '../auth.js';
import { ApiError, badRequest, conflict, forbidden, unprocessable } from '../errors.js';
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
import {
  assertCanSee,
  checkIdempotencyKey,
  createDonation,
  DonationRefused,
  findDonation,
  nowOf,
  oneStopStatus,
  refundDonation,
  requestHashOf,
  withReceiptNumber,
} from '../donation-service.js';
import { donationJson, oneStopFormView, receiptView } from '../donation-views.js';
import { myNumberIssues, normalizeEmail, ONE_STOP_MAX_TOWNS, oneStopDeadline, oneStopReceivedOnProblem, formatPostalCode } from '../../domain/donations.js';
import { jstDate, jstYear } from '../../domain/jst.js';
import { getTown } from '../../store/catalog.js';
import { listOneStopRequests, markOneStopReceived } from '../../store/donations.js';
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
    if (issues.length) throw new DonationRefused(400, issues);
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
    const res = await createDonation(c.var.deps, c.var.principal, body, { idempotencyKey: key, requestHash: requestHashOf(body), lang: c.var.lang });
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
    // Signed in only, and only for one's own email: a count per email would tell anyone where someone gives.
    const p = requirePrincipal(c.var.principal);
    const q = c.req.valid('query');
    const email = q.email ? normalizeEmail(q.email) : p.email;
    if (q.email && email !== normalizeEmail(p.email ?? '') && !p.roles.includes('admin')) throw forbidden('you can only ask about your own email address');
    const s = await oneStopStatus(c.var.deps.db, { email, userId: p.sub }, q.town, nowOf(c.var.deps.db));
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
    const db = c.var.deps.db;
    const d = await findDonation(db, c.req.valid('param').id);
    await assertCanSee(c.var.deps, c.var.principal, d, c.req.valid('query').t);
    return c.json(donationJson(await withReceiptNumber(db, d)), 200);
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
    const db = c.var.deps.db;
    const found = await findDonation(db, c.req.valid('param').id);
    await assertCanSee(c.var.deps, c.var.principal, found, c.req.valid('query').t);
    const d = await withReceiptNumber(db, found);
    if (!d.receiptNumber || !d.paidDate) throw conflict(`donation ${d.id} is ${d.status}: a receipt exists once the payment has arrived`, 'not_paid');
    const town = await getTown(db, d.receivingTown);
    if (!town) throw new ApiError(404, 'not_found', 'issuing town not found');
    noStore(c);
    return c.html(ReceiptDocument({ receipt: receiptView({ ...d, receiptNumber: d.receiptNumber, paidDate: d.paidDate }, town, c.var.lang), backHref: backHref(c, d.id) }).toString(), 200);
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
    const db = c.var.deps.db;
    const d = await findDonation(db, c.req.valid('param').id);
    await assertCanSee(c.var.deps, c.var.principal, d, c.req.valid('query').t);
    if (d.status !== 'paid' || !d.paidDate) throw conflict(`donation ${d.id} is ${d.status}: the form is for a paid donation`, 'not_paid');
    const town = await getTown(db, d.receivingTown);
    if (!town) throw new ApiError(404, 'not_found', 'issuing town not found');
    noStore(c);
    return c.html(OneStopFormDocument({ form: oneStopFormView({ ...d, paidDate: d.paidDate }, town, c.var.lang), backHref: backHref(c, d.id) }).toString(), 200);
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
    const d = await refundDonation(c.var.deps, c.var.principal, c.req.valid('param').id, c.req.valid('json').reason, c.get('requestId'));
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
    const db = c.var.deps.db;
    const d = await findDonation(db, c.req.valid('param').id);
    const p = assertTownRole(c.var.principal, 'treasurer', d.receivingTown);
    const body = (await c.req.json().catch(() => ({}))) as { receivedOn?: string };
    const parsed = OneStopReceivedSchema.safeParse(body ?? {});
    if (!parsed.success) throw badRequest(parsed.error.issues[0]?.message ?? 'invalid body');
    const today = jstDate(nowOf(db));
    const on = parsed.data.receivedOn ?? today;
    const problem = oneStopReceivedOnProblem(d.paidDate, on, today);
    if (problem) throw unprocessable(`${problem.en} / ${problem.ja}`, [{ path: 'receivedOn', message: problem.en }], 'bad_received_on');
    await markOneStopReceived(db, d, on, p.sub, {
      chain: `town:${d.receivingTown}`,
      input: { actor: p.sub, role: `treasurer:${d.receivingTown}`, action: 'donation.one_stop_received', target: `donation:${d.id}`, before: { received: false }, after: { receivedOn: on }, requestId: c.get('requestId') },
    });
    return c.json(donationJson(await findDonation(db, d.id)), 200);
  },
);

async function oneStopList(c: Context<AppEnv>, code: string, yearParam: string | undefined) {
  assertTownRole(c.var.principal, 'treasurer', code);
  const db = c.var.deps.db;
  const year = yearParam ? Number(yearParam) : jstYear(nowOf(db));
  const list = await listOneStopRequests(db, code, year);
  return {
    town: code,
    year,
    deadline: oneStopDeadline(year),
    requests: list.map((d) => ({
      donationId: d.id,
      receiptNumber: d.receiptNumber,
      paidDate: d.paidDate,
      amount: d.amount,
      name: d.donor.name,
      nameKana: d.donor.nameKana,
      postalCode: formatPostalCode(d.donor.postalCode),
      address: d.donor.address,
      email: d.donor.email,
      status: d.status,
      receivedOn: d.oneStopReceivedOn,
      remindedAt: d.oneStopRemindedAt,
    })),
  };
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
    const list = await oneStopList(c, c.req.valid('param').code, c.req.valid('query').year);
    const rows = list.requests.map((r) => [r.receiptNumber ?? '', r.paidDate ?? '', r.amount, r.name, r.nameKana, r.postalCode, r.address, r.email, r.status, r.receivedOn ?? '', r.donationId]);
    const csv = stringify([['受領証明書番号', '寄附日', '寄附金額', '氏名', 'フリガナ', '郵便番号', '住所', 'メールアドレス', '状態', '申請書受理日', '寄附番号'], ...rows], { record_delimiter: '\r\n' });
    noStore(c);
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="one-stop-${list.town}-${list.year}.csv"`);
    return c.body(`\uFEFF${csv}`, 200);
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
