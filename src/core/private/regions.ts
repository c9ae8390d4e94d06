import { TerraformProvider, TerraformStack, Token } from 'cdktf';
import { IConstruct } from 'constructs';

/**
 * The region of the AWS provider `scope`'s resources are created with, when it is written literally: the given
 * provider, else the stack's default (un-aliased) AWS provider. Undefined when there is none yet, or its region is a
 * token or left to the environment (`AWS_REGION`).
 */
export function literalAwsRegion(scope: IConstruct, provider?: TerraformProvider): string | undefined {
  const candidate =
    provider ??
    TerraformStack.of(scope)
      .node.findAll()
      .find((c): c is TerraformProvider => isAwsProvider(c) && !(c as unknown as { alias?: string }).alias);
  if (!isAwsProvider(candidate)) {
    return undefined;
  }
  const region = (candidate as unknown as { region?: unknown }).region;
  return typeof region === 'string' && !Token.isUnresolved(region) && region.length > 0 ? region : undefined;
}

/** An AWS provider, recognised by its Terraform type so that no provider binding is loaded. */
export function isAwsProvider(value: unknown): value is TerraformProvider {
  return TerraformProvider.isTerraformProvider(value) && value.terraformResourceType === 'aws';
}

/**
 * Whether `zone` is an availability zone name of `region`: the region and a letter (`eu-west-1a`), or a Local Zone
 * or Wavelength Zone of it (`us-west-2-lax-1a`, `us-east-1-wl1-bos-wlz-1`). Zone names always start with their
 * region's name (AWS docs, "Regions and Zones"; zone IDs such as `euw1-az1` are not names).
 */
export function isZoneOfRegion(zone: string, region: string): boolean {
  if (!zone.startsWith(region)) {
    return false;
  }
  const rest = zone.slice(region.length);
  return /^[a-z]$/.test(rest) || /^-[a-z0-9]+(-[a-z0-9]+)*$/.test(rest);
}
