import type { AppRouter } from '@checkout/api';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import { readAdminToken } from './lib/admin-token';
import { API_URL } from './lib/api-url';

export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();

export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type Product = RouterOutputs['catalog']['list'][number];
export type PublicOrder = RouterOutputs['orders']['byId'];
export type AdminOrder = RouterOutputs['admin']['orders']['byId'];

export function createApiClient() {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${API_URL}/trpc`,
        // The staff token is sent only with batches that contain a staff call.
        headers({ opList }) {
          const token = readAdminToken();
          if (token && opList.some((op) => op.path.startsWith('admin.'))) {
            return { Authorization: `Bearer ${token}` };
          }
          return {};
        },
      }),
    ],
  });
}
