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
/** Paging of a list answer: totalCount, page and pageSize as numbers. */
export type ListMetaData = z.infer<typeof metaDataPagingSchema>;

/**
 * `{ data: T[], metaData: { totalCount, pageSize, page } }` — collection responses. `metaData` is optional here
 * because the `/billing/` listings Invoicebox's MCP client uses are not documented to carry it; the client fills it
 * in from the page it asked for.
 */
export function listEnvelope<T extends z.ZodType>(schema: T) {
  return z.looseObject({ data: z.array(schema), metaData: metaDataPagingSchema.optional() });
}

/** One field-level error in an error envelope: `{ name, code, message }`, `message` often empty. */
export const errorFieldSchema = z.looseObject({
  name: z.string(),
  code: z.string(),
  message: z.string().nullish(),
});
/** One field-level error Invoicebox reported; `name` is the field, `code` e.g. `wrong_value`. */
export type ApiErrorField = z.infer<typeof errorFieldSchema>;

/** `{ error: { message, code, fields } }` with HTTP >= 400; `fields` may be missing. */
export const errorEnvelopeSchema = z.looseObject({
  error: z.looseObject({
    message: z.string(),
    code: z.string(),
    fields: z.array(errorFieldSchema).optional(),
  }),
});
/** The body of an Invoicebox error answer. */
export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;

/** `GET /v3/security/api/auth/auth`: `userId` is null for an anonymous (token-less) caller. */
export const authInfoSchema = z.looseObject({
  userId: z.string().nullable(),
  profile: z.unknown().optional(),
});
/** Result of the auth check: who the token belongs to. */
export type AuthInfo = z.infer<typeof authInfoSchema>;
