/** Package version, sent in the default User-Agent. Generated from package.json by scripts/sync-version.mjs. */
export const PACKAGE_VERSION = '0.1.0';
