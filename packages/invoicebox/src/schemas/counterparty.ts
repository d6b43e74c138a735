import { z } from 'zod';

const text = z.string().nullish();

/**
 * A row of `GET /v3/filter/api/counterparty-detail?vatNumber=` (company lookup by INN, docs §counterparty-detail).
 * Every field is optional: the registry behind it is not Invoicebox's, and a half-filled record is still useful.
 */
export const counterpartySchema = z.looseObject({
  id: z.union([z.string(), z.number()]).nullish(),
  vatNumber: text,
  taxRegistrationReasonCode: text,
  name: text,
  nameFull: text,
  nameI18n: z.union([z.string(), z.record(z.string(), z.unknown())]).nullish(),
  registrationNumber: text,
  registrationDate: text,
  registrationAddress: text,
  postAddress: text,
  postAddressZip: text,
});
/** A counterparty (legal entity) record as Invoicebox returns it. */
export type Counterparty = z.infer<typeof counterpartySchema>;
