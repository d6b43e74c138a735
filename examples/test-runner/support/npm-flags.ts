/** npm's own cache first; no audit or funding requests (CI reaches the registry and nothing else). */
export const NPM_FLAGS = ['--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'];
