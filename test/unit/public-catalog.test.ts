import { describe, expect, it } from 'vitest';
import { PUBLIC_STATUSES, publicChallengeFilter } from '../../functions/domain/catalog.js';
import { verifyAuditChain } from '../../functions/domain/audit.js';
import { t } from '../../functions/i18n/index.js';

describe('the public challenge filter', () => {
  const towns = [{ code: '113611' }, { code: '074071' }];

  it('keeps a known town, a public status and a trimmed keyword', () => {
    expect(publicChallengeFilter({ town: '113611', status: 'open', q: '  forest ' }, towns)).toEqual({ town: '113611', status: 'open', q: 'forest' });
  });

  it('drops what a hand-edited URL got wrong instead of refusing it', () => {
    expect(publicChallengeFilter({ town: '999999', status: 'draft', q: '   ' }, towns)).toEqual({ town: undefined, status: undefined, q: undefined });
    expect(publicChallengeFilter({ q: 'x'.repeat(300) }, towns).q).toHaveLength(100);
  });

  it('never offers drafts', () => {
    expect(PUBLIC_STATUSES).not.toContain('draft');
  });
});

describe('audit chain problems', () => {
  it('are codes with the record numbers; the catalog words them in both languages', () => {
    const [p] = verifyAuditChain([], { seq: 2, hash: 'x' });
    expect(p).toEqual({ seq: 2, problem: 'tip_mismatch', params: { last: 0, seq: 2 } });
    expect(t('en', `audit.problem.${p!.problem}`, p!.params)).toBe('the chain ends at record 0 but its head says 2');
    expect(t('ja', `audit.problem.${p!.problem}`, p!.params)).toContain('0');
  });
});
