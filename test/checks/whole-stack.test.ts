import 'cdktf/lib/testing/adapters/jest';
import { reportOf } from './helpers';
import { fragileStack, robustStack } from './stacks';
import { FindingKind, FindingLevel } from '../../src';

describe('whole stacks of raw provider resources', () => {
  test('a fragile stack yields exactly the expected findings', () => {
    const report = reportOf(fragileStack);
    expect(report.findings.map((f) => f.id).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))).toEqual([
      'FT-ASG-1:web/asg', // one subnet
      'FT-ASG-2:web/asg', // EC2 health checks behind a load balancer
      'FT-ASG-3:web/asg', // min_size 1
      'FT-ASG-4:web/asg', // no instance refresh
      'FT-DB-1:data/db', // single-AZ
      'FT-DB-3:data/subnets', // one subnet
      'FT-DB-4:data/db', // unencrypted
      'FT-DB-5:data/db', // backups off
      'FT-DB-7:data/db', // no deletion protection
      'FT-DB-8:data/db', // skip_final_snapshot
      'FT-DB-9:data/db', // PostgreSQL 14 without rds.force_ssl
      'FT-DB-10:data/db', // literal password
      'FT-DB-12:data/db', // no storage autoscaling
      'FT-EC2-1:web/bastion', // IMDSv1 allowed
      'FT-K8S-1:app', // 1 replica
      'FT-K8S-2:app', // no probes
      'FT-K8S-3:app', // no PodDisruptionBudget
      'FT-K8S-4:app', // no zone spread
      'FT-K8S-5:app', // Recreate
      'FT-K8S-6:app', // root
      'FT-K8S-7:app', // :latest
      'FT-K8S-12:app', // no resource requests
      'FT-K8S-14:app', // service-account token mounted
      'FT-K8S-15:app', // default namespace
      'FT-K8S-16:app', // no Service selects it
      'FT-LB-1:web/lb', // one subnet
      'FT-LB-2:web/lb', // no deletion protection
      'FT-LB-3:web/lb', // no HTTPS listener
      'FT-LB-4:web/http', // HTTP forwards
      'FT-LB-6:web/tg', // default health check: 65 s
      'FT-MON-1:web/errors', // notifies nobody
      'FT-MON-2:data/db', // no alarm on the database
      'FT-NET-1:net/nat-eu-west-1a', // one NAT gateway for two zones
      'FT-NET-2:net/vpc', // no flow logs
    ]);
    expect(report.findings.every((f) => f.kind === FindingKind.NON_COMPLIANT)).toBe(true);
    expect(report.warnings.map((f) => f.ruleId).sort()).toEqual([
      'FT-ASG-4', 'FT-DB-12', 'FT-K8S-12', 'FT-K8S-14', 'FT-K8S-15', 'FT-K8S-16', 'FT-LB-2', 'FT-MON-1', 'FT-MON-2', 'FT-NET-2',
    ]);
    expect(report.errors).toHaveLength(24);
    expect(report.findings.slice(0, 24).every((f) => f.level === FindingLevel.ERROR)).toBe(true);
  });

  test('a robust stack yields none', () => {
    const report = reportOf(robustStack);
    expect(report.findings.map((f) => `${f.id} ${f.detail}`)).toEqual([]);
  });
});
