// The staff token lives only in this tab's sessionStorage: it never goes into the bundle or localStorage.
const KEY = 'checkout.adminToken';

export function readAdminToken(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function saveAdminToken(token: string): void {
  sessionStorage.setItem(KEY, token);
}

export function clearAdminToken(): void {
  sessionStorage.removeItem(KEY);
}
