import { z } from 'zod';
import { responseNumberSchema } from './primitives.js';

/** `{ data: T, extendedData: [] }` — the success envelope of single-object responses. */
export function dataEnvelope<T extends z.ZodType>(schema: T) {
  return z.looseObject({ data: schema });
}

/** Paging of a collection answer; numbers may come as numeric strings. */
export const metaDataPagingSchema = z.looseObject({
  totalCount: responseNumberSchema,
  pageSize: responseNumberSchema,
  page: responseNumberSchema,
});
export type ListMetaData = z.infer<typeof metaDataPagingSchema>;

/**
 * `{ data: T[], metaData: { totalCount, pageSize, page } }` — collection responses. `metaData` is optional here
 * because the `/billing/` listings Invoicebox's MCP client uses are not documented to carry it; the client fills it
 * in from the page it asked for.
 */
export function listEnvelope<T extends z.ZodType>(schema: T) {
  return z.looseObject({ data: z.array(schema), metaData: metaDataPagingSchema.optional() });
}

export const errorFieldSchema = z.looseObject({
  name: z.string(),
  code: z.string(),
  message: z.string().nullish(),
});
export type ApiErrorField = z.infer<typeof errorFieldSchema>;

/** `{ error: { message, code, fields } }` with HTTP >= 400; `fields` may be missing. */
export const errorEnvelopeSchema = z.looseObject({
  error: z.looseObject({
    message: z.string(),
    code: z.string(),
    fields: z.array(errorFieldSchema).optional(),
  }),
});
export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;

/** `GET /v3/security/api/auth/auth`: `userId` is null for an anonymous (token-less) caller. */
export const authInfoSchema = z.looseObject({
  userId: z.string().nullable(),
  profile: z.unknown().optional(),
});
export type AuthInfo = z.infer<typeof authInfoSchema>;
