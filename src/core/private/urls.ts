/*
 * URLs and host:port addresses the library writes into configurations (alarm endpoints, Alertmanager's external URL,
 * SMTP smarthosts), checked the way the programs that read them parse them: an IPv6 address must be bracketed
 * (`https://[2001:db8::1]/`, `[2001:db8::1]:587`), or its colons are read as a port separator.
 */

/** Whether `url` is an absolute URL with one of `protocols` (`https:`) and a host, as the WHATWG URL parser reads it. */
export function isWebUrl(url: string, protocols: string[]): boolean {
  if (typeof url !== 'string' || /\s/.test(url)) {
    return false;
  }
  try {
    const parsed = new URL(url);
    return protocols.includes(parsed.protocol) && parsed.hostname.length > 0;
  } catch {
    return false;
  }
}

/**
 * Whether `address` is `host:port` as Go's `net.SplitHostPort` reads it (Alertmanager's `smarthost`): a name or an
 * IPv4 address, or a bracketed IPv6 address, then a port from 1 to 65535.
 */
export function isHostPort(address: string): boolean {
  if (typeof address !== 'string') {
    return false;
  }
  const m = /^(\[([0-9A-Fa-f:.]+)\]|[^\s:[\]]+):(\d{1,5})$/.exec(address);
  if (!m) {
    return false;
  }
  const port = Number(m[3]);
  if (port < 1 || port > 65535) {
    return false;
  }
  return m[2] === undefined || isIpv6Address(m[2]);
}

/** Whether `text` is an IPv6 address (RFC 4291 text forms: `::`, `2001:db8::1`, `::ffff:192.0.2.1`). */
export function isIpv6Address(text: string): boolean {
  return parseIpv6(text) !== undefined;
}

/** The 8 groups of an IPv6 address, or undefined when `text` is not one. */
export function parseIpv6(text: string): number[] | undefined {
  if (typeof text !== 'string' || text.length === 0 || /[^0-9A-Fa-f:.]/.test(text)) {
    return undefined;
  }
  const groups = text.split('::');
  if (groups.length > 2) {
    return undefined;
  }
  const side = (part: string): number[] | undefined => {
    if (part === '') {
      return [];
    }
    const out: number[] = [];
    const pieces = part.split(':');
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i];
      if (i === pieces.length - 1 && piece.includes('.')) {
        // An embedded IPv4 address fills the last two groups.
        const octets = piece.split('.');
        if (octets.length !== 4 || octets.some((o) => !/^\d{1,3}$/.test(o) || Number(o) > 255 || (o.length > 1 && o.startsWith('0')))) {
          return undefined;
        }
        out.push(Number(octets[0]) * 256 + Number(octets[1]), Number(octets[2]) * 256 + Number(octets[3]));
        continue;
      }
      if (!/^[0-9A-Fa-f]{1,4}$/.test(piece)) {
        return undefined;
      }
      out.push(parseInt(piece, 16));
    }
    return out;
  };
  const head = side(groups[0]);
  if (groups.length === 1) {
    return head !== undefined && head.length === 8 ? head : undefined;
  }
  const tail = side(groups[1]);
  if (head === undefined || tail === undefined || head.length + tail.length > 7) {
    return undefined;
  }
  return [...head, ...Array.from({ length: 8 - head.length - tail.length }, () => 0), ...tail];
}
