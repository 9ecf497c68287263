/** Reading the donation forms' fields (the donor's form and the treasurer's refund form). */
export type Form = Record<string, string | File | (string | File)[]>;
export const field = (f: Form, name: string) => {
  const v = f[name];
  return typeof v === 'string' ? v : '';
};
export const checked = (f: Form, name: string) => ['1', 'on', 'true'].includes(field(f, name));
