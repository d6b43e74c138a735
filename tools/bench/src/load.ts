// measure/ (owned elsewhere) still imports these from here; new code imports @checkout/testkit.
export { percentile, runLoad } from '@checkout/testkit';
