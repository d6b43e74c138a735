import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
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
