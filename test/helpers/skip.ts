// Test titles say "skipped" only when the test is: a title is read in the report of a run that did run it.
import { hasGxx } from '../../kernels/hls/validate.js';

/** ' (skipped: why)' when skipped, else ''. */
export const skipNote = (skipped: boolean, why: string): string => (skipped ? ` (skipped: ${why})` : '');

/** g++ is what the HLS validation tests compile with. */
export const NO_GXX = !hasGxx();
export const GXX_NOTE = skipNote(NO_GXX, 'g++ not found on PATH');
