/**
 * The one error base. Every refusal anywhere (domain rule, service check, store condition) is a
 * DomainError with a stable `code`, a `kind` that says what sort of "no" it is, and per-field `issues`.
 * No HTTP here: api/errors.ts maps kind → status in one table, and the words come from the message
 * catalog by code (`error.<code>` in functions/i18n), in the reader's language.
 */

/** What sort of "no": the API maps each kind to one HTTP status. */
export type ErrorKind =
  | 'invalid' // the input itself is wrong (400)
  | 'unauthenticated' // nobody is signed in, or the token is bad (401)
  | 'forbidden' // signed in, but not allowed (403)
  | 'not_found' // no such thing, or not visible to this person (404)
  | 'conflict' // the stored state moved on, or the same key was reused differently (409)
  | 'rule' // a business rule that depends on stored data says no (422)
  | 'too_large' // the request is bigger than the platform accepts (413)
  | 'unavailable'; // busy or not configured; safe to retry later (503)

/** Placeholder values for the catalog sentence (`{town}`, `{n}`). */
export type ErrorParams = Record<string, string | number>;

/** One offending field or broken rule: `code` names the sentence, `path` the field (dot-separated). */
export interface Issue {
  path?: string;
  code: string;
  /** The catalog sentence (`error.<key>`); defaults to the code. */
  key?: string;
  params?: ErrorParams;
  /** A sentence already written for this issue (e.g. the schema library's), used only where the catalog has none. */
  message?: string;
}

export class DomainError extends Error {
  override name = 'DomainError';
  readonly params: ErrorParams;
  readonly issues: Issue[];
  /** The catalog sentence (`error.<key>`); defaults to the code. Several sentences may share one wire code. */
  readonly key: string;

  /**
   * @param message English text for logs and for codes the catalog does not know yet; readers see the
   * catalog's sentence for `code`.
   * @example throw new DomainError('not_found', 'no_transfers', `no scheduled disbursements for ${date}`, { params: { date } })
   */
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string = code,
    opts: { params?: ErrorParams; issues?: Issue[]; key?: string } = {},
  ) {
    super(message);
    this.params = opts.params ?? {};
    this.issues = opts.issues ?? [];
    this.key = opts.key ?? code;
  }
}

/**
 * The usual refusals, one per kind.
 * @example throw refuse.rule('no_bank_account', { town })
 */
export const refuse = {
  invalid: (code: string, issues: Issue[] = [], params?: ErrorParams) => new DomainError('invalid', code, code, { issues, params }),
  unauthenticated: (code = 'unauthorized', params?: ErrorParams) => new DomainError('unauthenticated', code, code, { params }),
  forbidden: (code = 'forbidden', params?: ErrorParams) => new DomainError('forbidden', code, code, { params }),
  notFound: (code = 'not_found', params?: ErrorParams) => new DomainError('not_found', code, code, { params }),
  conflict: (code = 'conflict', params?: ErrorParams) => new DomainError('conflict', code, code, { params }),
  rule: (code: string, params?: ErrorParams, issues: Issue[] = []) => new DomainError('rule', code, code, { params, issues }),
  unavailable: (code = 'unavailable', params?: ErrorParams) => new DomainError('unavailable', code, code, { params }),
};

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}
