// Which hosts Undercurrent reads at all. Private-network and intranet pages are left alone
// by default: what is on them is nobody else's business, not even as a topic.
// Loopback is the user's own machine (the demo, local development) and is read unless
// the user turns that off; an intranet *name* is judged by its name, wherever it resolves.

export interface HostPolicySettings {
  /** Read pages on private-network and intranet hosts too. */
  allowPrivateHosts: boolean;
  /** Read pages served from this machine (127.0.0.0/8, ::1, localhost). */
  allowLoopback: boolean;
}

export type HostClass = 'public' | 'loopback' | 'private';

/** Intranet suffixes: mDNS, RFC 8375, and the names companies and home routers use. */
const PRIVATE_SUFFIXES = ['.local', '.internal', '.intranet', '.corp', '.lan', '.home', '.home.arpa', '.localdomain', '.private'];

function ipv4(host: string): number[] | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  return parts.every((p) => p <= 255) ? parts : null;
}

function classifyIpv4([a, b]: number[]): HostClass {
  if (a === 127) return 'loopback';
  if (a === 10) return 'private'; // RFC 1918
  if (a === 172 && b! >= 16 && b! <= 31) return 'private'; // RFC 1918
  if (a === 192 && b === 168) return 'private'; // RFC 1918
  if (a === 169 && b === 254) return 'private'; // link-local
  if (a === 100 && b! >= 64 && b! <= 127) return 'private'; // carrier-grade NAT, RFC 6598
  if (a === 0) return 'private';
  return 'public';
}

function classifyIpv6(host: string): HostClass {
  const h = host.toLowerCase();
  if (h === '::1') return 'loopback';
  // IPv4-mapped addresses (::ffff:10.0.0.1, or as URL parsers write them, ::ffff:a00:1).
  const mapped = /^::ffff:(.+)$/.exec(h);
  if (mapped) {
    const dotted = ipv4(mapped[1]!);
    if (dotted) return classifyIpv4(dotted);
    const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(mapped[1]!);
    if (hex) {
      const hi = parseInt(hex[1]!, 16);
      const lo = parseInt(hex[2]!, 16);
      return classifyIpv4([hi >> 8, hi & 255, lo >> 8, lo & 255]);
    }
  }
  if (/^f[cd][0-9a-f]{0,2}:/.test(h)) return 'private'; // unique local fc00::/7
  if (/^fe[89ab][0-9a-f]?:/.test(h)) return 'private'; // link-local fe80::/10
  if (h === '::') return 'private';
  return 'public';
}

/** Public, loopback or private (RFC 1918, link-local, intranet names, single-label hosts). */
export function classifyHost(hostname: string): HostClass {
  let host = hostname.trim().toLowerCase().replace(/\.$/, '');
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  if (!host) return 'private';
  if (host.includes(':')) return classifyIpv6(host);
  const v4 = ipv4(host);
  if (v4) return classifyIpv4(v4);
  if (host === 'localhost' || host.endsWith('.localhost')) return 'loopback';
  // A single-label name ("memo", "wiki") only resolves on a local network.
  if (!host.includes('.')) return 'private';
  if (PRIVATE_SUFFIXES.some((s) => host.endsWith(s))) return 'private';
  return 'public';
}

/** Whether Undercurrent may read pages on `hostname` under these settings. */
export function hostAllowed(hostname: string, settings: HostPolicySettings): boolean {
  const cls = classifyHost(hostname);
  if (cls === 'public') return true;
  if (cls === 'loopback') return settings.allowLoopback;
  return settings.allowPrivateHosts;
}

/** Same, for a page URL; anything that is not http(s) is not read. */
export function urlAllowed(url: string | undefined, settings: HostPolicySettings): boolean {
  if (!url) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
  return hostAllowed(parsed.hostname, settings);
}
