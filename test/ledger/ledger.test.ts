import { join } from 'node:path';
import { afterAll } from 'vitest';
import { tempDir } from '../support/cli.js';
import { ledgerSuite } from './suite.js';

const dir = tempDir();
afterAll(() => dir.remove());
let n = 0;
ledgerSuite({ name: 'sqlite', fresh: async () => join(dir.path, `ledger-${++n}.sqlite`) });
