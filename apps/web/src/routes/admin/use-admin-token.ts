import { useState } from 'react';
import { clearAdminToken, readAdminToken, saveAdminToken } from '../../lib/admin-token';

export function useAdminToken() {
  const [token, setToken] = useState(readAdminToken);
  return {
    token,
    signIn(value: string) {
      saveAdminToken(value);
      setToken(value);
    },
    signOut() {
      clearAdminToken();
      setToken(null);
    },
  };
}
