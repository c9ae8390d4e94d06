/** IPv4 CIDR arithmetic, enough to lay out subnets without overlap at synth time; IPv6 blocks, parsed and checked. */
import { parseIpv6 } from './urls';

export interface ParsedCidr {
  /** The network address as an unsigned 32-bit integer. */
  readonly address: number;
  /** The prefix length (0..32). */
  readonly prefix: number;
}

const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Parses `a.b.c.d/p`; undefined when it is not a valid IPv4 CIDR block. */
export function parseCidr(cidr: string): ParsedCidr | undefined {
  const m = CIDR.exec(cidr);
  if (!m) {
    return undefined;
  }
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 32) {
    return undefined;
  }
  const address = ((octets[0] * 256 + octets[1]) * 256 + octets[2]) * 256 + octets[3];
  return { address, prefix };
}

/** Whether the host bits of the block are zero (`10.0.0.0/16`, not `10.0.1.0/16`). */
export function isAligned(cidr: ParsedCidr): boolean {
  const hostBits = 32 - cidr.prefix;
  return hostBits === 32 ? cidr.address === 0 : cidr.address % 2 ** hostBits === 0;
}

/** Formats an address and prefix as `a.b.c.d/p`. */
export function formatCidr(address: number, prefix: number): string {
  const octets = [2 ** 24, 2 ** 16, 2 ** 8, 1].map((size) => Math.floor(address / size) % 256);
  return `${octets.join('.')}/${prefix}`;
}

/** The `index`-th block of length `prefix` inside `parent` (like Terraform's `cidrsubnet`). */
export function subnetOf(parent: ParsedCidr, prefix: number, index: number): string {
  const size = 2 ** (32 - prefix);
  return formatCidr(parent.address + index * size, prefix);
}

/** The smallest power of two that is at least `n`. */
export function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) {
    p *= 2;
  }
  return p;
}

/** Whether two CIDR blocks share an address. */
export function overlaps(a: ParsedCidr, b: ParsedCidr): boolean {
  const aEnd = a.address + 2 ** (32 - a.prefix) - 1;
  const bEnd = b.address + 2 ** (32 - b.prefix) - 1;
  return a.address <= bEnd && b.address <= aEnd;
}

/** An IPv6 CIDR block: its 8 groups and prefix length; undefined when `cidr` is not one. */
export interface ParsedIpv6Cidr {
  readonly groups: number[];
  readonly prefix: number;
}

/** Parses `2001:db8::/32` (RFC 4291 text forms); undefined when it is not a valid IPv6 CIDR block. */
export function parseIpv6Cidr(cidr: string): ParsedIpv6Cidr | undefined {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(cidr);
  if (!m || Number(m[2]) > 128 || (m[2].length > 1 && m[2].startsWith('0'))) {
    return undefined;
  }
  const groups = parseIpv6(m[1]);
  return groups ? { groups, prefix: Number(m[2]) } : undefined;
}

/** Whether the host bits of an IPv6 block are zero (`2001:db8::/32`, not `2001:db8::1/32`). */
export function isIpv6Aligned(cidr: ParsedIpv6Cidr): boolean {
  return cidr.groups.every((group, i) => {
    const hostBits = Math.min(16, Math.max(0, (i + 1) * 16 - cidr.prefix));
    return hostBits === 0 || group % 2 ** hostBits === 0;
  });
}

/** The network address of an IPv6 block in its shortest text form (RFC 5952), with its prefix. */
export function formatIpv6Network(cidr: ParsedIpv6Cidr): string {
  const groups = cidr.groups.map((group, i) => {
    const hostBits = Math.min(16, Math.max(0, (i + 1) * 16 - cidr.prefix));
    return group - (group % 2 ** hostBits);
  });
  // The longest run of two or more zero groups becomes "::".
  let best = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; i++) {
    let j = i;
    while (j < 8 && groups[j] === 0) {
      j++;
    }
    if (j - i > bestLength) {
      best = i;
      bestLength = j - i;
    }
  }
  const hex = groups.map((g) => g.toString(16));
  const text = best < 0 ? hex.join(':') : `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLength).join(':')}`;
  return `${text}/${cidr.prefix}`;
}
