/** One step of the ledger's schema: its version, a name for people, and the portable statements it runs. */
export interface Migration {
  version: number;
  name: string;
  statements: readonly string[];
}
