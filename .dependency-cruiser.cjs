/**
 * The layers of src/ and what each may import: `npm run lint:deps` (in CI) fails on any violation.
 *
 *   public surface  src/*.ts            client, config, operations, errors, money, index
 *   request path    src/http/**         pipeline, retry, signing, keys, rate limit, transports, wire errors
 *   add-ons         src/paging/**, src/validation/**
 *   stream          src/stream/**       the live portfolio over WebSocket (uses the request path's runtime helpers)
 *   P&L             src/pnl/**          pure: history rows in, figures out (the CLI uses its index)
 *   report          src/report/**       one self-contained HTML page from P&L figures (a string; the CLI writes it)
 *   ledger          src/ledger/**       the local database: uses the SDK's public surface (and src/pnl's types), never the CLI
 *   Node-only       src/cli/**, src/testing/**, src/ledger/**, src/http/transport/undici.ts, src/http/node-signature.ts
 *
 * The core (everything but the Node-only entry points) runs on any runtime, so it imports no
 * `node:` module and no undici; the Node transport and the Node signer load theirs lazily, by a name bundlers skip.
 */
const NODE_ONLY = '^src/(cli|testing|ledger)/|^src/http/transport/undici[.]ts$|^src/http/node-signature[.]ts$';
const CORE = '^(src|generated)/';

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'A cycle makes load order matter and hides which module is the lower layer.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-is-web-standard',
      comment: 'The core runs in Node, Bun, Deno, browsers and workers: no Node built-ins.',
      severity: 'error',
      from: { path: CORE, pathNot: NODE_ONLY },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'core-does-not-import-undici',
      comment: 'undici is Node-only; the Node transport imports it lazily, never statically.',
      severity: 'error',
      from: { path: CORE, pathNot: NODE_ONLY },
      to: { path: 'node_modules/undici/' },
    },
    {
      name: 'core-does-not-import-cli-or-fake',
      comment: 'The SDK must not pull the command line, the fake server or the ledger (and its database drivers) into a user bundle.',
      severity: 'error',
      from: { path: CORE, pathNot: NODE_ONLY },
      to: { path: '^src/(cli|testing|ledger)/' },
    },
    {
      name: 'request-path-below-the-surface',
      comment: 'src/http carries requests; it knows nothing of the client, its methods or the add-ons.',
      severity: 'error',
      from: { path: '^src/http/' },
      to: { path: '^src/(client|operations|config|index)[.]ts$|^src/(paging|validation|stream)/' },
    },
    {
      name: 'add-ons-beside-the-request-path',
      comment: 'Pagination, history and validation work on answers; they neither send nor build clients.',
      severity: 'error',
      from: { path: '^src/(paging|validation)/' },
      to: { path: '^src/http/|^src/(client|operations|config|index)[.]ts$' },
    },
    {
      name: 'stream-gets-the-client-through-its-deps',
      comment: 'The stream is handed what it needs (signer, REST reads) by client.ts; it does not build clients itself.',
      severity: 'error',
      from: { path: '^src/stream/' },
      to: { path: '^src/(client|operations|index)[.]ts$|^src/(paging|validation)/' },
    },
    {
      name: 'cli-uses-the-public-api',
      comment: 'The command line is a user of the package: it imports what users can (the SDK, and the fake for --fake).',
      severity: 'error',
      from: { path: '^src/cli/' },
      to: { path: '^src/', pathNot: '^src/cli/|^src/index[.]ts$|^src/testing/index[.]ts$|^src/pnl/index[.]ts$|^src/report/index[.]ts$|^src/ledger/index[.]ts$' },
    },
    {
      name: 'fake-is-independent-of-the-client',
      comment: 'The fake checks the client from outside: it may share money and the spec, not the request path.',
      severity: 'error',
      from: { path: '^src/testing/' },
      to: { path: '^src/(http|paging|validation|stream|cli)/|^src/(client|operations|config)[.]ts$' },
    },
    {
      name: 'ledger-uses-the-public-api',
      comment: 'The ledger is a user of the SDK (its public surface, and the P&L engine\'s types); the CLI and the fake sit above it.',
      severity: 'error',
      from: { path: '^src/ledger/' },
      to: { path: '^src/', pathNot: '^src/ledger/|^src/index[.]ts$|^src/pnl/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
