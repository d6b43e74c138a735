import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { notFound, validationError } from '../api-error.js';
import type { SandboxContext } from '../context.js';
import { publicMerchant } from '../merchants.js';

const settingsBody = z.strictObject({
  signatureAlgorithm: z.enum(['sha1', 'sha256', 'sha512']).optional(),
  refundBasketAvailableAmount: z.boolean().optional(),
  holdPayments: z.boolean().optional(),
});

type MerchantParams = { Params: { merchantId: string } };

/** Control API: a merchant's cabinet settings, changed while the sandbox runs (tests switch them per case). */
export function merchantSettingsRoutes(app: FastifyInstance, ctx: SandboxContext) {
  const find = (merchantId: string) => {
    const merchant = ctx.merchants.byId(merchantId);
    if (!merchant) throw notFound(`Merchant ${merchantId}`);
    return merchant;
  };

  app.get('/_sandbox/merchants', async () => ({ merchants: ctx.merchants.list.map(publicMerchant) }));

  app.get<MerchantParams>('/_sandbox/merchants/:merchantId', async (request) =>
    publicMerchant(find(request.params.merchantId)),
  );

  app.patch<MerchantParams>('/_sandbox/merchants/:merchantId', async (request) => {
    const merchant = find(request.params.merchantId);
    const parsed = settingsBody.safeParse(request.body ?? {});
    if (!parsed.success) throw validationError(parsed.error);
    ctx.merchants.update(merchant, parsed.data);
    return publicMerchant(merchant);
  });
}
