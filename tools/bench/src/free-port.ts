// measure/ (owned elsewhere) still imports these from here; new code imports @checkout/testkit.
export { freePort, loopback } from '@checkout/testkit';
