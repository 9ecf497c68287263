/**
 * Refusals, by catalog key (`error.<key>`, the key defaults to the error's wire code). `{name}` placeholders
 * come from the error's params. This file holds only the generic ones, shared by every area; an area's own
 * refusals are in its messages file.
 */
export const ja = {
  'error.not_found': '見つかりません。',
  'error.forbidden': 'この操作は許可されていません。',
  'error.unauthorized': 'サインインしていないか、サインインの有効期限が切れています。',
  'error.state_conflict': 'ほかの操作で状態が変わったため、実行できませんでした。再読み込みしてから、もう一度お試しください。',
  'error.busy': 'ただいま混み合っています。少し待ってから、もう一度お試しください(同じ操作を繰り返しても安全です)。',
  'error.bad_request': 'リクエストの形式が正しくありません。',
  'error.insufficient_funds': '{account} の残高は ¥{available} で、必要な ¥{needed} に足りません。何も変更されていません。',
  'error.ledger_rule': '帳簿の規則に合わない記帳のため、実行できませんでした。',
  'error.payload_too_large': 'リクエストの本文が大きすぎます(上限 {max} KB)。何も変更されていません。',
  'error.body_too_deep': 'JSON の入れ子が深すぎます(上限 {max} 段)。何も変更されていません。',
  'error.array_too_long': 'JSON の配列の要素が多すぎます(上限 {max} 個)。何も変更されていません。',
};

export const en: Record<keyof typeof ja, string> = {
  'error.not_found': 'Not found.',
  'error.forbidden': 'You are not allowed to do this.',
  'error.unauthorized': 'You are not signed in, or your sign-in has expired.',
  'error.state_conflict': 'Something else changed this first, so it could not be done. Reload and try again.',
  'error.busy': 'Busy right now. Please retry in a moment (the request is safe to repeat).',
  'error.bad_request': 'The request is not valid.',
  'error.insufficient_funds': 'Insufficient funds in {account}: needs ¥{needed}, has ¥{available}. Nothing changed.',
  'error.ledger_rule': 'The entry breaks a ledger rule, so it was not posted.',
  'error.payload_too_large': 'The request body is too large (at most {max} KB). Nothing changed.',
  'error.body_too_deep': 'The JSON body is nested too deeply (at most {max} levels). Nothing changed.',
  'error.array_too_long': 'A JSON array in the body has too many elements (at most {max}). Nothing changed.',
};
