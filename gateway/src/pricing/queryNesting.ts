/**
 * The deepest bracket nesting (`{`, `[`, `(`) in GraphQL query text, found in one pass without
 * parsing, so that a query nested thousands deep is refused before graphql-js's recursive descent
 * parser (and the recursive checks after it) could exhaust the stack. Brackets inside strings,
 * block strings and comments do not count. Stops as soon as `limit` is passed.
 *
 * @returns true when the nesting exceeds `limit`
 */
export function nestingExceeds(query: string, limit: number): boolean {
  let depth = 0;
  let i = 0;
  const length = query.length;
  while (i < length) {
    const char = query.charCodeAt(i);
    if (char === 0x23 /* # */) {
      while (i < length && query.charCodeAt(i) !== 0x0a && query.charCodeAt(i) !== 0x0d) i += 1;
    } else if (char === 0x22 /* " */) {
      if (query.startsWith('"""', i)) {
        const end = query.indexOf('"""', i + 3);
        i = end < 0 ? length : end + 2;
      } else {
        i += 1;
        while (i < length && query.charCodeAt(i) !== 0x22 && query.charCodeAt(i) !== 0x0a)
          i += query.charCodeAt(i) === 0x5c /* \ */ ? 2 : 1;
      }
    } else if (char === 0x7b || char === 0x5b || char === 0x28) {
      depth += 1;
      if (depth > limit) return true;
    } else if (char === 0x7d || char === 0x5d || char === 0x29) {
      depth -= 1;
    }
    i += 1;
  }
  return false;
}
