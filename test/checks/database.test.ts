import 'cdktf/lib/testing/adapters/jest';
import { DbInstance, DbInstanceConfig } from '@cdktf/provider-aws/lib/db-instance';
import { DbParameterGroup } from '@cdktf/provider-aws/lib/db-parameter-group';
import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group';
import { RdsCluster, RdsClusterConfig } from '@cdktf/provider-aws/lib/rds-cluster';
import { RdsClusterInstance } from '@cdktf/provider-aws/lib/rds-cluster-instance';
import { RdsClusterParameterGroup } from '@cdktf/provider-aws/lib/rds-cluster-parameter-group';
import { TerraformStack, TerraformVariable } from 'cdktf';
import { only, subnet, twoZones, unresolvables, violations } from './helpers';

/** A database that passes every rule, changed by `config`. */
function db(s: TerraformStack, id: string, config: Partial<DbInstanceConfig> = {}): DbInstance {
  return new DbInstance(s, id, {
    instanceClass: 'db.m6g.large',
    engine: 'postgres',
    engineVersion: '16.4',
    allocatedStorage: 20,
    maxAllocatedStorage: 100,
    multiAz: true,
    storageEncrypted: true,
    backupRetentionPeriod: 7,
    deletionProtection: true,
    manageMasterUserPassword: true,
    username: 'app',
    ...config,
  });
}

/** An Aurora cluster that passes every rule (with `instances` instances), changed by `config`. */
function cluster(s: TerraformStack, id: string, config: Partial<RdsClusterConfig> = {}, instances = 2): RdsCluster {
  const pg = new RdsClusterParameterGroup(s, `${id}-params`, { family: 'aurora-postgresql16', parameter: [{ name: 'rds.force_ssl', value: '1' }] });
  const c = new RdsCluster(s, id, {
    engine: 'aurora-postgresql',
    storageEncrypted: true,
    backupRetentionPeriod: 7,
    deletionProtection: true,
    manageMasterUserPassword: true,
    masterUsername: 'app',
    dbClusterParameterGroupName: pg.name,
    ...config,
  });
  for (let i = 0; i < instances; i++) {
    new RdsClusterInstance(s, `${id}-${i}`, { clusterIdentifier: c.id, instanceClass: 'db.r6g.large', engine: 'aurora-postgresql' });
  }
  return c;
}

describe('FT-DB-1: DB instance not Multi-AZ', () => {
  test('Noncompliance 1: unset', () => {
    expect(only('FT-DB-1', (s) => db(s, 'db', { multiAz: undefined })).detail).toBe('`multi_az` is unset (default false)');
  });
  test('Noncompliance 2: false', () => {
    expect(violations('FT-DB-1', (s) => db(s, 'db', { multiAz: false }))).toEqual(['FT-DB-1:db']);
  });
  test('Unresolvable: from a variable', () => {
    expect(
      unresolvables('FT-DB-1', (s) => db(s, 'db', { multiAz: new TerraformVariable(s, 'multi_az', { type: 'bool' }).booleanValue })),
    ).toEqual(['cannot check at synth time: `multi_az` is `${var.multi_az}`, known only at deploy time']);
  });
  test('Compliance: Multi-AZ; a read replica is not applicable', () => {
    expect(
      violations('FT-DB-1', (s) => {
        const primary = db(s, 'db');
        db(s, 'replica', { multiAz: false, replicateSourceDb: primary.identifier });
      }),
    ).toEqual([]);
  });
});

describe('FT-DB-2: Aurora cluster with fewer than 2 instances or one zone', () => {
  test('Noncompliance 1: one instance', () => {
    expect(only('FT-DB-2', (s) => cluster(s, 'aurora', {}, 1)).detail).toBe('the stack defines 1 `aws_rds_cluster_instance` for it');
  });
  test('Noncompliance 2: two instances pinned to one zone', () => {
    const f = only('FT-DB-2', (s) => {
      const c = cluster(s, 'aurora', {}, 0);
      for (const i of [0, 1]) {
        new RdsClusterInstance(s, `i${i}`, { clusterIdentifier: c.id, engine: 'aurora-postgresql', instanceClass: 'db.r6g.large', availabilityZone: 'eu-west-1a' });
      }
    });
    expect(f.detail).toBe('all 2 instances are placed in eu-west-1a');
  });
  test('Unresolvable: instance count from a variable', () => {
    expect(
      unresolvables('FT-DB-2', (s) => {
        const c = cluster(s, 'aurora', {}, 0);
        new RdsClusterInstance(s, 'i', { clusterIdentifier: c.id, engine: 'aurora-postgresql', instanceClass: 'db.r6g.large' }).addOverride('count', '${var.n}');
      }),
    ).toEqual(['cannot check at synth time: `aws_rds_cluster_instance.i.count` is `${var.n}`, known only at deploy time']);
  });
  test('Compliance: 2 instances, count = 2, or a Multi-AZ DB cluster', () => {
    expect(
      violations('FT-DB-2', (s) => {
        cluster(s, 'aurora');
        const c = cluster(s, 'counted', {}, 0);
        new RdsClusterInstance(s, 'counted-i', { clusterIdentifier: c.id, engine: 'aurora-postgresql', instanceClass: 'db.r6g.large', count: 2 });
        cluster(s, 'maz', { engine: 'postgres', dbClusterInstanceClass: 'db.m6gd.large' }, 0);
      }),
    ).toEqual([]);
  });
});

describe('FT-DB-3: subnet group in fewer than 2 zones', () => {
  test('Noncompliance 1: one subnet', () => {
    expect(violations('FT-DB-3', (s) => new DbSubnetGroup(s, 'group', { subnetIds: ['subnet-a'] }))).toEqual(['FT-DB-3:group']);
  });
  test('Noncompliance 2: two subnets of one zone', () => {
    expect(
      only('FT-DB-3', (s) => new DbSubnetGroup(s, 'group', { subnetIds: [subnet(s, 'a', 'eu-west-1a').id, subnet(s, 'b', 'eu-west-1a').id] })).detail,
    ).toBe('`subnet_ids` lists 2 subnets in 1 zone (eu-west-1a)');
  });
  test('Compliance', () => {
    expect(violations('FT-DB-3', (s) => new DbSubnetGroup(s, 'group', { subnetIds: twoZones(s).map((x) => x.id) }))).toEqual([]);
  });
});

describe('FT-DB-4: storage not encrypted', () => {
  test('Noncompliance 1: instance', () => {
    expect(violations('FT-DB-4', (s) => db(s, 'db', { storageEncrypted: undefined }))).toEqual(['FT-DB-4:db']);
  });
  test('Noncompliance 2: cluster', () => {
    expect(violations('FT-DB-4', (s) => cluster(s, 'aurora', { storageEncrypted: false }))).toEqual(['FT-DB-4:aurora']);
  });
  test('Unresolvable: restored from a snapshot', () => {
    expect(unresolvables('FT-DB-4', (s) => db(s, 'db', { storageEncrypted: undefined, snapshotIdentifier: 'snap' }))).toEqual([
      'cannot check at synth time: encryption follows the snapshot given in `snapshot_identifier`, known only at deploy time',
    ]);
  });
  test('Compliance', () => {
    expect(violations('FT-DB-4', (s) => { db(s, 'db'); cluster(s, 'aurora'); })).toEqual([]);
  });
});

describe('FT-DB-5: automated backups disabled', () => {
  test('Noncompliance 1', () => {
    expect(only('FT-DB-5', (s) => db(s, 'db', { backupRetentionPeriod: 0 })).detail).toBe('`backup_retention_period` is 0');
  });
  test('Compliance: unset means the AWS default of 1 day', () => {
    expect(violations('FT-DB-5', (s) => db(s, 'db', { backupRetentionPeriod: undefined }))).toEqual([]);
  });
});

describe('FT-DB-6: backups kept less than 7 days', () => {
  test('Noncompliance 1: unset', () => {
    expect(only('FT-DB-6', (s) => db(s, 'db', { backupRetentionPeriod: undefined })).detail).toBe('`backup_retention_period` is unset (default 1 day)');
  });
  test('Noncompliance 2: cluster with 3 days', () => {
    expect(violations('FT-DB-6', (s) => cluster(s, 'aurora', { backupRetentionPeriod: 3 }))).toEqual(['FT-DB-6:aurora']);
  });
  test('Compliance: 7 days; 0 is reported by FT-DB-5 only', () => {
    expect(violations('FT-DB-6', (s) => { db(s, 'db'); db(s, 'off', { backupRetentionPeriod: 0 }); })).toEqual([]);
  });
});

describe('FT-DB-7: no deletion protection', () => {
  test('Noncompliance 1: instance', () => {
    expect(violations('FT-DB-7', (s) => db(s, 'db', { deletionProtection: undefined }))).toEqual(['FT-DB-7:db']);
  });
  test('Noncompliance 2: cluster', () => {
    expect(violations('FT-DB-7', (s) => cluster(s, 'aurora', { deletionProtection: false }))).toEqual(['FT-DB-7:aurora']);
  });
  test('Compliance', () => {
    expect(violations('FT-DB-7', (s) => { db(s, 'db'); cluster(s, 'aurora'); })).toEqual([]);
  });
});

describe('FT-DB-8: no final snapshot', () => {
  test('Noncompliance 1', () => {
    expect(only('FT-DB-8', (s) => db(s, 'db', { skipFinalSnapshot: true })).detail).toBe('`skip_final_snapshot` is true');
  });
  test('Compliance: default false; replicas not applicable', () => {
    expect(
      violations('FT-DB-8', (s) => {
        const primary = db(s, 'db');
        db(s, 'replica', { replicateSourceDb: primary.identifier, skipFinalSnapshot: true });
      }),
    ).toEqual([]);
  });
});

describe('FT-DB-9: TLS not enforced', () => {
  test('Noncompliance 1: PostgreSQL 14 with the default parameter group', () => {
    expect(only('FT-DB-9', (s) => db(s, 'db', { engineVersion: '14.12' })).detail).toBe(
      'postgres 14.12 does not enforce TLS by default and no parameter group sets `rds.force_ssl`',
    );
  });
  test('Noncompliance 2: MySQL parameter group without require_secure_transport', () => {
    const f = only('FT-DB-9', (s) => {
      const pg = new DbParameterGroup(s, 'params', { family: 'mysql8.0', parameter: [{ name: 'max_connections', value: '100' }] });
      db(s, 'db', { engine: 'mysql', engineVersion: '8.0', parameterGroupName: pg.name });
    });
    expect(f.detail).toBe('its parameter group `aws_db_parameter_group.params` does not set `require_secure_transport` (mysql default: off)');
  });
  test('Noncompliance 3: PostgreSQL 16 with rds.force_ssl turned off', () => {
    expect(
      violations('FT-DB-9', (s) => {
        const pg = new DbParameterGroup(s, 'params', { family: 'postgres16', parameter: [{ name: 'rds.force_ssl', value: '0' }] });
        db(s, 'db', { parameterGroupName: pg.name });
      }),
    ).toEqual(['FT-DB-9:db']);
  });
  test('Noncompliance 4: Aurora cluster without a cluster parameter group', () => {
    expect(violations('FT-DB-9', (s) => cluster(s, 'aurora', { dbClusterParameterGroupName: undefined }))).toEqual(['FT-DB-9:aurora']);
  });
  test('Unresolvable: a parameter group defined outside the stack', () => {
    expect(unresolvables('FT-DB-9', (s) => db(s, 'db', { engine: 'mysql', engineVersion: '8.0', parameterGroupName: 'shared-mysql' }))).toEqual([
      'cannot check at synth time: the parameter group `parameter_group_name` = "shared-mysql" (not defined in this stack), known only at deploy time',
    ]);
  });
  test('Compliance', () => {
    expect(
      violations('FT-DB-9', (s) => {
        db(s, 'pg16'); // PostgreSQL 15+ enforces TLS by default
        const mysql = new DbParameterGroup(s, 'mysql', { family: 'mysql8.0', parameter: [{ name: 'require_secure_transport', value: 'ON' }] });
        db(s, 'my', { engine: 'mysql', engineVersion: '8.0', parameterGroupName: mysql.name });
        // referenced by its literal name
        new DbParameterGroup(s, 'pg', { name: 'pg14-tls', family: 'postgres14', parameter: [{ name: 'rds.force_ssl', value: '1' }] });
        db(s, 'pg14', { engineVersion: '14.12', parameterGroupName: 'pg14-tls' });
        cluster(s, 'aurora');
      }),
    ).toEqual([]);
  });
});

describe('FT-DB-10: literal master password', () => {
  test('Noncompliance 1: instance', () => {
    expect(only('FT-DB-10', (s) => db(s, 'db', { manageMasterUserPassword: undefined, password: 'hunter2hunter2' })).detail).toBe(
      '`password` is a literal string',
    );
  });
  test('Noncompliance 2: cluster', () => {
    expect(violations('FT-DB-10', (s) => cluster(s, 'aurora', { manageMasterUserPassword: undefined, masterPassword: 'hunter2hunter2' }))).toEqual([
      'FT-DB-10:aurora',
    ]);
  });
  test('Compliance: managed password, or a password from a variable', () => {
    expect(
      violations('FT-DB-10', (s) => {
        db(s, 'db');
        const v = new TerraformVariable(s, 'password', { type: 'string', sensitive: true });
        db(s, 'var', { manageMasterUserPassword: undefined, password: v.stringValue });
      }),
    ).toEqual([]);
  });
});

describe('FT-DB-11: publicly accessible database', () => {
  test('Noncompliance 1', () => {
    expect(violations('FT-DB-11', (s) => db(s, 'db', { publiclyAccessible: true }))).toEqual(['FT-DB-11:db']);
  });
  test('Compliance', () => {
    expect(violations('FT-DB-11', (s) => db(s, 'db'))).toEqual([]);
  });
});

describe('FT-DB-12: no storage autoscaling', () => {
  test('Noncompliance 1: unset', () => {
    expect(only('FT-DB-12', (s) => db(s, 'db', { maxAllocatedStorage: undefined })).detail).toBe('`max_allocated_storage` is unset (allocated_storage 20)');
  });
  test('Noncompliance 2: not above the allocated storage', () => {
    expect(violations('FT-DB-12', (s) => db(s, 'db', { maxAllocatedStorage: 20 }))).toEqual(['FT-DB-12:db']);
  });
  test('Compliance', () => {
    expect(violations('FT-DB-12', (s) => db(s, 'db'))).toEqual([]);
  });
});
