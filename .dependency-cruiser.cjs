/**
 * The layer rules (ARCHITECTURE.md), checked by `npm test`:
 *   domain ← store ← services ← api (routes) → web;  i18n is a leaf every layer may read.
 * Each rule names the one direction it forbids; a violation fails the suite with the offending import.
 */
const ours = '^(functions|web|infra|test)/';
module.exports = {
  forbidden: [
    {
      name: 'domain-imports-nothing-of-ours',
      comment: 'functions/domain is pure rules and types: it imports only itself.',
      severity: 'error',
      from: { path: '^functions/domain/' },
      to: { path: ours, pathNot: '^functions/domain/' },
    },
    {
      name: 'i18n-imports-nothing-of-ours',
      comment: 'The message catalog is a leaf: it imports only itself.',
      severity: 'error',
      from: { path: '^functions/i18n/' },
      to: { path: ours, pathNot: '^functions/i18n/' },
    },
    {
      name: 'store-imports-only-domain',
      comment: 'functions/store is the only code that knows DynamoDB, and it knows nothing above the domain.',
      severity: 'error',
      from: { path: '^functions/store/' },
      to: { path: ours, pathNot: '^functions/(store|domain)/' },
    },
    {
      name: 'payments-imports-only-domain',
      comment: 'Payment adapters sit behind payments/port.ts; what they store comes in through the port.',
      severity: 'error',
      from: { path: '^functions/payments/' },
      to: { path: ours, pathNot: '^functions/(payments|domain)/' },
    },
    {
      name: 'services-no-hono-no-web',
      comment: 'Workflows take a ServiceContext and an Actor: no Hono, no pages, no routes.',
      severity: 'error',
      from: { path: '^functions/services/' },
      to: { path: ['^web/', '^functions/(api|handlers)/', '(^|/)node_modules/hono/', '(^|/)node_modules/@hono/'] },
    },
    {
      name: 'routes-no-store',
      comment: 'Routes parse, call one service and present; they never touch the store.',
      severity: 'error',
      from: { path: '^functions/api/' },
      to: { path: '^functions/store/' },
    },
    {
      name: 'web-only-domain-and-i18n',
      comment: 'Pages and components have their own view types; of ours they import only domain types and the catalog.',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: ours, pathNot: '^(web|functions/domain|functions/i18n)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
