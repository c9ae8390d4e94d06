/** IPv4 CIDR arithmetic, enough to lay out subnets without overlap at synth time. */

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
