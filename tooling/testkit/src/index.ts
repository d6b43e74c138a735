/**
 * Dev-only helpers shared by the tests, benchmarks and drills of every app. It imports nothing of ours, so any
 * workspace package may list it in its devDependencies (the floor below packages/).
 */
export { bareImports } from './bare-imports.js';
export { type ForwardingHooks, startForwardingProxy } from './forwarding-proxy.js';
export { freePort, loopback } from './free-port.js';
export { type LoadRun, percentile, runLoad } from './load.js';
export { type ScratchDatabase, scratchDatabase } from './scratch-database.js';
export { startTempPostgres, type TempPostgres } from './temp-postgres.js';
export { sleep, waitUntil } from './wait.js';
