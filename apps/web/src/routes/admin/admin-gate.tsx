import type { ReactNode } from 'react';
import { describeApiError } from '../../lib/api-error';
import { TokenForm } from './token-form';
import { useAdminToken } from './use-admin-token';

/** Renders staff pages only with a token; a rejected token sends the user back to the form. */
export function AdminGate({ children }: { children: (signOut: () => void) => ReactNode }) {
  const { token, signIn, signOut } = useAdminToken();
  if (!token) return <TokenForm onToken={signIn} />;
  return <>{children(signOut)}</>;
}

export function AdminError({ error, signOut }: { error: unknown; signOut: () => void }) {
  const problem = describeApiError(error);
  const badToken = problem.code === 'UNAUTHORIZED' || problem.code === 'FORBIDDEN';
  return (
    <div role="alert" className="error-box">
      <p>{badToken ? 'Ключ доступа не подошёл.' : problem.message}</p>
      {badToken && (
        <button type="button" onClick={signOut}>
          Ввести другой ключ
        </button>
      )}
    </div>
  );
}
