/**
 * Version 2: which account a ledger mirrors (a label such as `production:<key id>`, given by the
 * caller), so a sync of another environment or account is refused instead of
 * mixing two accounts' records in one ledger.
 */
import type { Migration } from './migration.js';

export const account: Migration = {
  version: 2,
  name: 'the account a ledger mirrors',
  statements: ['CREATE TABLE ledger_account (account TEXT PRIMARY KEY, first_synced_us BIGINT NOT NULL)'],
};
