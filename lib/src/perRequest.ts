/**
 * One value per request, made when the request first asks for it: `request` is the request's
 * context object, so the value lives exactly as long as the request does and is never shared with
 * another one (a batch of lookups, a map of what was read).
 */
export function perRequest<T>(make: () => T): (request: object) => T {
  const values = new WeakMap<object, T>();
  return (request) => {
    let value = values.get(request);
    if (value === undefined) values.set(request, (value = make()));
    return value;
  };
}
