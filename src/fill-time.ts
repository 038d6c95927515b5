/**
 * The Unix second a fill happened: its `ts`, else its `created_time`; undefined when it carries
 * neither. One rule, so `allFills`' merge, the stream's catch-up and de-duplication read a fill's
 * time alike.
 */
export function fillSecond(fill: { ts?: number; created_time?: string }): number | undefined {
  if (typeof fill.ts === 'number') return fill.ts;
  const ms = typeof fill.created_time === 'string' ? Date.parse(fill.created_time) : Number.NaN;
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}
