import { z } from 'zod';

/** `{ data: T, extendedData: [] }` — the success envelope of single-object responses. */
export function dataEnvelope<T extends z.ZodType>(schema: T) {
  return z.looseObject({ data: schema });
}

export const metaDataPagingSchema = z.looseObject({
  totalCount: z.int().nonnegative(),
  pageSize: z.int().nonnegative(),
  page: z.int().nonnegative(),
});
export type ListMetaData = z.infer<typeof metaDataPagingSchema>;

/** `{ data: T[], metaData: { totalCount, pageSize, page } }` — collection responses under `/filter/api/...`. */
export function listEnvelope<T extends z.ZodType>(schema: T) {
  return z.looseObject({ data: z.array(schema), metaData: metaDataPagingSchema });
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
