import type { AuroraGlobalReplicationOptions, AuroraReplicationOptions, CrossRegionReplicationOptions, MultiAzReplicationOptions, ReplicationTopology } from '../replication';

/** What a {@link Replication} holds: its topology and the options given to its factory (a copy). */
export type ReplicationDescription =
  | { readonly topology: ReplicationTopology.MULTI_AZ; readonly options: MultiAzReplicationOptions }
  | { readonly topology: ReplicationTopology.AURORA; readonly options: AuroraReplicationOptions }
  | { readonly topology: ReplicationTopology.CROSS_REGION; readonly options: CrossRegionReplicationOptions }
  | { readonly topology: ReplicationTopology.AURORA_GLOBAL; readonly options: AuroraGlobalReplicationOptions };
