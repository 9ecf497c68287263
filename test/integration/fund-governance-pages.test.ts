/**
 * The fund governance pages as a browser without JavaScript uses them: who may open them, proposing a
 * new allocation rule, each member town approving from its own page until the rule applies, and
 * refusals (approving twice, an invalid quorum) that re-render with the message beside the form, in the
 * page's language, and write nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { auditRecords } from '../../functions/store/audit.js';
import { testPlatform } from '../support/platform.js';

const YOKOZE = '113611';
const BANDAI = '074071';
const AMA = '325252';
const FUND = 'kyoso-kikin';
const BASE = `/treasurer/funds/${FUND}/governance`;

type P = Awaited<ReturnType<typeof testPlatform>>;
let p: P;

beforeAll(async () => {
  p = await testPlatform();
});

async function page(method: 'GET' | 'POST', path: string, user?: string, form?: Record<string, string>, headers: Record<string, string> = {}) {
  const h: Record<string, string> = { ...headers };
  if (user) h.cookie = `kf_session=${await p.tokenFor(user)}${headers.cookie ? `; ${headers.cookie}` : ''}`;
  if (form) h['content-type'] = 'application/x-www-form-urlencoded';
  const res = await p.app.request(path, { method, headers: h, body: form ? new URLSearchParams(form).toString() : undefined, redirect: 'manual' });
  return { status: res.status, location: res.headers.get('location') ?? '', html: await res.text(), headers: res.headers };
}

const audits = async () => Object.fromEntries(await Promise.all([YOKOZE, BANDAI, AMA].map(async (t) => [t, (await auditRecords(p.db, `town:${t}`)).length])));
const governance = async () => (await p.api('GET', `/api/funds/${FUND}`)).json.governance;
const proposals = async () => (await p.api('GET', `/api/funds/${FUND}/governance-proposals`, { user: 'treasurer-yokoze' })).json.proposals as { id: string; status: string; approvedTowns: string[] }[];
/** One town's line in a proposal's "approval by town" list. */
const townLine = (html: string, town: string) => new RegExp(`<li data-town="${town}" data-approved="(true|false)">`).exec(html)?.[1];

describe('fund governance pages', () => {
  it('only treasurers of member towns: visitors sign in, others get 403, unknown funds 404', async () => {
    const anon = await page('GET', BASE);
    expect(anon.status).toBe(303);
    expect(anon.location).toBe(`/auth/sign-in?next=${encodeURIComponent(BASE)}`);
    const donor = await page('GET', BASE, 'donor1');
    expect(donor.status).toBe(403);
    expect(donor.html).toContain('この基金に参加している町の会計管理者だけ');
    const before = await audits();
    const donorPost = await page('POST', `${BASE}/proposals`, 'donor1', { rule: 'quorum', quorum: '2' });
    expect(donorPost.status).toBe(403);
    expect(await proposals()).toHaveLength(0);
    expect(await audits()).toEqual(before);
    expect((await page('GET', '/treasurer/funds/no-such-fund/governance', 'treasurer-yokoze')).status).toBe(404);
  });

  it('shows the current rule in words (Japanese by default, English on request), linked from the dashboard', async () => {
    const dash = await page('GET', `/treasurer?town=${YOKOZE}`, 'treasurer-yokoze');
    expect(dash.html).toContain(`href="${BASE}?town=${YOKOZE}"`);
    const ja = await page('GET', BASE, 'treasurer-yokoze');
    expect(ja.status).toBe(200);
    expect(ja.headers.get('cache-control')).toBe('private, no-store');
    expect(ja.html).toContain('<html lang="ja"');
    expect(ja.html).toMatch(/data-testid="current-rule" data-rule="all_drawn"[^>]*><strong>持分を拠出するすべての町の会計管理者の承認が必要です。/);
    expect(ja.html).toContain('審議中のルール変更の提案はありません。');
    const en = await page('GET', BASE, 'treasurer-yokoze', undefined, { cookie: 'lang=en' });
    expect(en.html).toContain('<html lang="en"');
    expect(en.html).toContain('The treasurer of every town whose share is drawn on must approve.');
  });

  it('an invalid quorum (0 or 4 of 3 towns) re-renders the form with the error beside the field and writes nothing', async () => {
    const before = await audits();
    for (const quorum of ['0', '4', 'abc', '']) {
      const r = await page('POST', `${BASE}/proposals?town=${YOKOZE}`, 'treasurer-yokoze', { rule: 'quorum', quorum, comment: '試験' });
      expect(r.status).toBe(422);
      expect(r.html).toMatch(/data-error-for="quorum"[^>]*>定足数は1から3までの整数で入力してください。/);
      expect(r.html).toContain('試験</textarea>');
    }
    const en = await page('POST', `${BASE}/proposals?town=${YOKOZE}`, 'treasurer-yokoze', { rule: 'quorum', quorum: '4' }, { cookie: 'lang=en' });
    expect(en.status).toBe(422);
    expect(en.html).toMatch(/data-error-for="quorum"[^>]*>Enter a quorum from 1 to 3\./);
    // The rule the fund already has is the domain's refusal, shown above the form.
    const same = await page('POST', `${BASE}/proposals?town=${YOKOZE}`, 'treasurer-yokoze', { rule: 'all_drawn', quorum: '' });
    expect(same.status).toBe(422);
    expect(same.html).toContain('基金はすでにこのルールです。');
    expect(await proposals()).toHaveLength(0);
    expect(await audits()).toEqual(before);
    expect(await governance()).toEqual({ rule: 'all_drawn' });
  });

  it('Yokoze proposes quorum 2; every member town approves from its page; then the rule is quorum 2', async () => {
    const proposed = await page('POST', `${BASE}/proposals?town=${YOKOZE}`, 'treasurer-yokoze', { rule: 'quorum', quorum: '2', comment: '小口の配分を迅速にするため' });
    expect(proposed.status).toBe(303);
    expect(proposed.location).toBe(`${BASE}?town=${YOKOZE}&notice=governance.proposed`);
    const [gp] = await proposals();
    expect(gp).toMatchObject({ status: 'proposed', approvedTowns: [] });
    const id = gp!.id;

    // Pending, and proposing is not approving: the domain still needs Yokoze's own approval.
    const y1 = await page('GET', proposed.location, 'treasurer-yokoze');
    expect(y1.html).toContain('ルールの変更を提案しました');
    expect(y1.html).toContain(`data-proposal="${id}"`);
    expect(y1.html).toContain('参加3町のうち2町が承認');
    expect(y1.html).toContain('小口の配分を迅速にするため');
    expect(y1.html).toContain('3町中0町が承認');
    expect([townLine(y1.html, YOKOZE), townLine(y1.html, BANDAI), townLine(y1.html, AMA)]).toEqual(['false', 'false', 'false']);
    expect(y1.html).toContain(`action="${BASE}/proposals/${id}/approve?town=${YOKOZE}"`);
    expect(y1.html).toContain('横瀬町として承認する');

    const b = await page('POST', `${BASE}/proposals/${id}/approve?town=${BANDAI}`, 'treasurer-bandai', { town: BANDAI, comment: '賛成します' });
    expect(b.status).toBe(303);
    expect(b.location).toBe(`${BASE}?town=${BANDAI}&notice=governance.approved`);
    const b1 = await page('GET', b.location, 'treasurer-bandai');
    expect(townLine(b1.html, BANDAI)).toBe('true');
    expect(b1.html).toContain('賛成します');
    // A town that approved can neither approve again nor reject: no buttons.
    expect(b1.html).not.toContain(`${id}/approve`);
    expect(b1.html).not.toContain(`${id}/reject`);

    const a = await page('POST', `${BASE}/proposals/${id}/approve?town=${AMA}`, 'treasurer-ama', { town: AMA });
    expect(a.status).toBe(303);
    expect(a.location).toContain('notice=governance.approved');
    // Two of three towns is not every member town: the rule has not changed yet.
    expect(await governance()).toEqual({ rule: 'all_drawn' });
    const y2 = await page('GET', BASE, 'treasurer-yokoze');
    expect([townLine(y2.html, YOKOZE), townLine(y2.html, BANDAI), townLine(y2.html, AMA)]).toEqual(['false', 'true', 'true']);
    expect(y2.html).toContain('3町中2町が承認');

    // Approving twice: refused beside that proposal, in the page's language, and nothing is written.
    const before = await audits();
    const twice = await page('POST', `${BASE}/proposals/${id}/approve?town=${BANDAI}`, 'treasurer-bandai', { town: BANDAI, comment: 'もう一度' });
    expect(twice.status).toBe(409);
    expect(twice.html).toMatch(new RegExp(`data-problem-for="${id}"[^>]*>あなたはすでに承認しています。同じ人は二度承認できません。`));
    const twiceEn = await page('POST', `${BASE}/proposals/${id}/approve?town=${AMA}`, 'treasurer-ama', { town: AMA }, { cookie: 'lang=en' });
    expect(twiceEn.status).toBe(409);
    expect(twiceEn.html).toMatch(new RegExp(`data-problem-for="${id}"[^>]*>You have already approved this\\. Nobody approves twice\\.`));
    expect(await audits()).toEqual(before);
    expect((await proposals())[0]).toMatchObject({ status: 'proposed', approvedTowns: [BANDAI, AMA] });
    expect(twice.html).not.toContain('もう一度');

    const y = await page('POST', `${BASE}/proposals/${id}/approve?town=${YOKOZE}`, 'treasurer-yokoze', { town: YOKOZE, comment: '同意' });
    expect(y.status).toBe(303);
    expect(y.location).toBe(`${BASE}?town=${YOKOZE}&notice=governance.applied`);
    expect(await governance()).toEqual({ rule: 'quorum', quorum: 2 });

    const done = await page('GET', y.location, 'treasurer-yokoze');
    expect(done.html).toContain('すべての町の承認がそろったため、新しいルールを適用しました。');
    expect(done.html).toMatch(/data-testid="current-rule" data-rule="quorum" data-quorum="2"[^>]*><strong>参加する3町のうち2町以上の会計管理者の承認が必要です/);
    expect(done.html).toContain('審議中のルール変更の提案はありません。');
    expect(done.html).toMatch(new RegExp(`data-proposal="${id}"[\\s\\S]*?data-status="applied"`));
    // Closed now: approving again is refused as such.
    const late = await page('POST', `${BASE}/proposals/${id}/approve?town=${YOKOZE}`, 'treasurer-yokoze-2', { town: YOKOZE });
    expect(late.status).toBe(409);
    expect(late.html).toContain('この案件はすでに締め切られています。');
  });

  it('a member town rejects from its page, which closes the proposal and leaves the rule as it was', async () => {
    const r = await page('POST', `${BASE}/proposals?town=${BANDAI}`, 'treasurer-bandai', { rule: 'all_drawn', quorum: '', comment: '元に戻す' });
    expect(r.status).toBe(303);
    const id = (await proposals()).find((x) => x.status === 'proposed')!.id;
    const ama = await page('GET', BASE, 'treasurer-ama');
    expect(ama.html).toContain(`action="${BASE}/proposals/${id}/reject?town=${AMA}"`);
    const rej = await page('POST', `${BASE}/proposals/${id}/reject?town=${AMA}`, 'treasurer-ama', { town: AMA, comment: '時期尚早' });
    expect(rej.status).toBe(303);
    expect(rej.location).toContain('notice=governance.rejected');
    const after = await page('GET', rej.location, 'treasurer-ama');
    expect(after.html).toContain('ルールの変更を否決しました。');
    expect(after.html).toContain('時期尚早');
    expect(await governance()).toEqual({ rule: 'quorum', quorum: 2 });
  });
});
