// Where the shop API lives; baked in at build time (VITE_API_URL), the local API by default.
export const API_URL = (import.meta.env.VITE_API_URL || 'http://localhost:3000').replace(/\/+$/, '');
