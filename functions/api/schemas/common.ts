import { z } from '@hono/zod-openapi';
import { isTownCode } from '../../domain/municipality.js';
import { isValidDateString } from '../../domain/jst.js';

export const Yen = z.number().int({ message: 'must be a whole number of yen' }).openapi({ example: 10000, description: 'integer yen' });
export const TownCode = z
  .string()
  .regex(/^\d{6}$/, { message: 'a municipality code has 6 digits' })
  .refine(isTownCode, { message: 'the municipality code check digit is wrong' })
  .openapi({ example: '113611', description: '全国地方公共団体コード (6 digits with check digit)' });
export const DateString = z
  .string()
  .refine(isValidDateString, { message: 'must be a real date as YYYY-MM-DD' })
  .openapi({ example: '2026-12-31', description: 'JST date' });

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.array(z.object({ path: z.string().optional(), message: z.string(), code: z.string().optional() })),
    }),
  })
  .openapi('Error');

export const errorResponses = {
  400: { description: 'invalid request', content: { 'application/json': { schema: ErrorSchema } } },
  401: { description: 'sign-in required', content: { 'application/json': { schema: ErrorSchema } } },
  403: { description: 'not allowed', content: { 'application/json': { schema: ErrorSchema } } },
  404: { description: 'not found', content: { 'application/json': { schema: ErrorSchema } } },
  409: { description: 'conflicts with current state', content: { 'application/json': { schema: ErrorSchema } } },
  422: { description: 'breaks a business rule', content: { 'application/json': { schema: ErrorSchema } } },
} as const;

export const IdParam = (name: string) =>
  z.object({ id: z.string().min(1).max(100).regex(/^[A-Za-z0-9_-]+$/, { message: 'malformed id' }).openapi({ param: { name: 'id', in: 'path' }, example: name }) });

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
