/**
 * The path of a URL as `Request.url` and `URL.href` serialise it (always `scheme://host/path…`): cheaper than a
 * `new URL()` on every request, and the same answer. Given a path alone, the path without its query.
 */
export function pathOf(url: string): string {
  const authority = url.indexOf('//');
  const start = authority < 0 ? 0 : url.indexOf('/', authority + 2);
  if (start < 0) return '/';
  let end = url.length;
  for (const stop of ['?', '#']) {
    const at = url.indexOf(stop, start);
    if (at >= 0 && at < end) end = at;
  }
  return url.slice(start, end);
}
