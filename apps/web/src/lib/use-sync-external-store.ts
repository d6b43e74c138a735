// wouter imports the use-sync-external-store shim for React < 18; React 19 has the hook (vite.config.ts aliases it).
export { useSyncExternalStore } from 'react';
