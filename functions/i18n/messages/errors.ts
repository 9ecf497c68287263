/**
 * Refusals, by catalog key (`error.<key>`, the key defaults to the error's wire code). `{name}` placeholders
 * come from the error's params.
 */
export const ja = {
  'error.generic': 'この操作はできませんでした。内容を確認して、もう一度お試しください。',
};

export const en: Record<keyof typeof ja, string> = {
  'error.generic': 'This could not be done. Please check and try again.',
};
