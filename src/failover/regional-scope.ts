import { Aspects, IAspect, TerraformDataSource, TerraformProvider, TerraformResource } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { validateRegionalScope } from './private/validate';
import { brand, isBranded } from '../core/private/brand';

/**
 * Props of {@link RegionalScope}.
 */
export interface RegionalScopeProps {
  /**
   * The providers of the region or cluster, at most one per provider type: e.g. an `AwsProvider` with a `region` and
   * an `alias`, and a `KubernetesProvider` with an `alias` for the cluster there.
   */
  readonly providers: TerraformProvider[];
}

/**
 * One region's (or one cluster's) copy of a declaration: every Terraform resource and data source created below this
 * scope without a provider of its own is rendered with the scope's provider of its type (set at synth, by an aspect,
 * so constructs need no provider prop). Instantiate the same code in two scopes to deploy it to two regions:
 *
 * ```ts
 * const primary = new RegionalScope(this, 'eu-west-1', {
 *   providers: [new AwsProvider(this, 'aws-eu-west-1', { region: 'eu-west-1', alias: 'eu_west_1' })],
 * });
 * const app = new WebApp(primary, 'app');
 * ```
 *
 * A resource that names its provider keeps it (a database's copy in the other region); in nested scopes the
 * innermost scope wins.
 */
export class RegionalScope extends Construct {
  /** The providers resources below the scope are rendered with, one per provider type. */
  public readonly providers: TerraformProvider[];

  constructor(scope: Construct, id: string, props: RegionalScopeProps) {
    super(scope, id);
    validateRegionalScope(this, props);
    this.providers = [...props.providers];
    brand(this, 'RegionalScope');
    Aspects.of(this).add(new AssignProviders(this));
  }

  /**
   * The scope's provider for a provider type (`aws`, `kubernetes`), if it has one.
   * @param providerType the Terraform provider name, e.g. `aws`
   */
  public providerOf(providerType: string): TerraformProvider | undefined {
    return this.providers.find((p) => p.terraformResourceType === providerType);
  }
}

/** Gives the scope's provider to every resource and data source below it that has none and whose nearest scope it is. */
class AssignProviders implements IAspect {
  constructor(private readonly owner: RegionalScope) {}

  public visit(node: IConstruct): void {
    if (!TerraformResource.isTerraformResource(node) && !TerraformDataSource.isTerraformDataSource(node)) {
      return;
    }
    const element = node as TerraformResource | TerraformDataSource;
    if (element.provider !== undefined || nearestScope(node) !== this.owner) {
      return;
    }
    const type = element.terraformGeneratorMetadata?.providerName;
    const provider = type ? this.owner.providerOf(type) : undefined;
    if (provider) {
      element.provider = provider;
    }
  }
}

function nearestScope(node: IConstruct): IConstruct | undefined {
  return [...node.node.scopes].reverse().find((s) => isBranded(s, 'RegionalScope'));
}
