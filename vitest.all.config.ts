/**
 * `npm run test:all` (and CI): every test, including those the default run leaves out (see
 * EXTENDED_ONLY in vitest.config.ts). `npm run setup:test-all` installs what they need first.
 */
import { testConfig } from './vitest.config.js';

export default testConfig({ extended: true });
