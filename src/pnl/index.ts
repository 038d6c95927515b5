/**
 * The P&L engine: pure (rows in, figures out), exact (micro-dollars, hundredths of a contract).
 * @module
 */
export { computePnl, oldestFirst } from './engine.js';
export { GROUP_BY, groupPnl } from './group.js';
export type * from './types.js';
