/**
 * Text from elsewhere (the server, a file name) made safe for a terminal: a hostile ticker or
 * error message must not move the cursor, clear the screen or flood it.
 */

/**
 * Control characters (C0 with ESC, CR and LF, DEL, C1), line and paragraph separators and bidi
 * overrides, which could move the cursor, recolour the terminal, start a new line inside one
 * field or reorder what is shown.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** A value made safe to print: control characters become visible `\xNN` / `\uNNNN` text. */
export function printable(value: unknown): string {
  const text = typeof value === 'string' ? value : value === undefined || value === null ? '?' : String(value);
  return text.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** What JSON.stringify leaves raw inside strings that a terminal would still act on. */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON.stringify's output with DEL, C1, separators and bidi controls escaped too (`\u009b`); it
 * escapes C0 itself. These characters only occur inside strings, where the escape parses back to
 * the same value; the line breaks of indented JSON are left alone.
 */
export function safeJson(json: string): string {
  return json.replace(UNSAFE_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** `text` cut to `limit` characters, with '…' when something was left out. */
export function clip(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit)}…`;
}

/**
 * The most characters a table cell or a watch line's field shows: a real ticker is far shorter;
 * a 100 kB one from a broken or hostile server must not flood the screen or every row's width.
 */
export const CELL_LIMIT = 80;

/** A server string for one cell: escaped (printable), then cut to `limit` (CELL_LIMIT) with '…'. */
export function cellText(value: unknown, limit = CELL_LIMIT): string {
  return clip(printable(value), limit);
}

/**
 * What the user typed, quoted back in an error line: escaped, and a long one cut in its middle so
 * the line still ends with the reason.
 */
export function echoed(text: string, limit = 400): string {
  const safe = printable(text);
  if (safe.length <= limit) return safe;
  const head = Math.ceil(limit * 0.6);
  return `${safe.slice(0, head)}…(${safe.length - limit} characters left out)…${safe.slice(safe.length - (limit - head))}`;
}
