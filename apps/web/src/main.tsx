import type { AppRouter } from '@checkout/api';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { isRetryableError } from './lib/error-code';
import { createApiClient, TRPCProvider } from './trpc';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 5_000,
      // A missing order or a bad token will not fix itself; a flaky network might.
      retry: (failures, error) => failures < 2 && isRetryableError(error),
    },
    mutations: { retry: false },
  },
});
const trpcClient = createApiClient();

// The catalog is what a shopper waits for on the catalog and checkout pages: ask for it while React starts, not
// after its first render (the pages' own queries then find it fresh or in flight).
if (/^\/(checkout\/?)?$/i.test(window.location.pathname)) {
  const trpc = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });
  void queryClient.prefetchQuery(trpc.catalog.list.queryOptions());
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html must contain #root');

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <App />
      </TRPCProvider>
    </QueryClientProvider>
  </StrictMode>,
);
