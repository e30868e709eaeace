// Where the extension may send requests (and secrets): https only, or plain http to this
// computer for local development. Pure, so the schema, the background and the options
// page all judge an endpoint the same way.

/** What an endpoint URL is allowed to be, and why not. */
export type EndpointVerdict =
  | { ok: true; origin: string; loopback: boolean }
  | { ok: false; reason: string };

/** 127.0.0.0/8, [::1] and localhost: the only hosts plain http may reach. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase();
  if (h === 'localhost' || h === '[::1]') return true;
  // The URL parser has already normalised IPv4 forms (127.1, 0x7f.0.0.1) to dotted quads.
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** Judges an endpoint: https anywhere, http only to loopback; no credentials in the URL. */
export function checkEndpoint(raw: string): EndpointVerdict {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'not a URL' };
  }
  if (url.username || url.password) return { ok: false, reason: 'a URL with a user name or password in it is not allowed' };
  if (url.protocol === 'https:') return { ok: true, origin: url.origin, loopback: isLoopbackHost(url.hostname) };
  if (url.protocol === 'http:') {
    if (isLoopbackHost(url.hostname)) return { ok: true, origin: url.origin, loopback: true };
    return { ok: false, reason: 'plain http is allowed only to this computer (localhost, 127.0.0.1, [::1]); use https' };
  }
  return { ok: false, reason: `${url.protocol.replace(/:$/, '')} is not allowed; use https` };
}

/** The origin an endpoint sends to, or null when the endpoint is not allowed (or empty). */
export function endpointOrigin(raw: string): string | null {
  const v = checkEndpoint(raw);
  return v.ok ? v.origin : null;
}

/** True for an allowed plain-http loopback endpoint: shown flagged as local development. */
export function isLocalDevEndpoint(raw: string): boolean {
  const v = checkEndpoint(raw);
  return v.ok && v.loopback && raw.trim().toLowerCase().startsWith('http:');
}
