import 'cdktf/lib/testing/adapters/jest';
import { execFileSync } from 'child_process';
import { TerraformVariable } from 'cdktf';
import * as fc from 'fast-check';
import { CERT, IMAGE, SECRET_ARN, awsError, errorOf, existingNetwork, kubernetesError } from './fixtures';
import {
  ContainerWorkloadProps,
  DeploymentColor,
  Duration,
  HealthCheck,
  HealthCheckedLoadBalancer,
  LoadBalancerType,
  MultiAzService,
  Platform,
  Rollout,
  SecretRef,
  Workload,
  WorkloadType,
} from '../../src';
import { parseImage, unpinnedImageProblem } from '../../src/core/private/image';
import { architectureOf, canaryPods } from '../../src/service/private/plan';
import { dockerCpus, dockerMemory, shellQuote } from '../../src/service/private/user-data';

const AWS = 'MultiAzService "stack/api": ';
const K8S = 'MultiAzService "stack/web": ';
const AWS_MANY = 'MultiAzService "stack/api" ';
const K8S_MANY = 'MultiAzService "stack/web" ';
const FIX_IMAGE = 'Pin a version, e.g. "ghcr.io/acme/api:1.4.2", or a digest "...@sha256:...".';
const container = (image: string, extra: Partial<ContainerWorkloadProps> = {}) => Workload.container({ image, port: 3000, ...extra });

describe('MultiAzService validation: replicas, zones, scaling', () => {
  test('replicas below 2', () => {
    expect(awsError({ replicas: 1 })).toBe(`${AWS}\`replicas\` must be a whole number of at least 2 to survive the loss of one replica, got 1.`);
    expect(kubernetesError({ replicas: 1 })).toBe(`${K8S}\`replicas\` must be a whole number of at least 2 to survive the loss of one replica, got 1.`);
  });

  test('zones outside the network', () => {
    expect(awsError({ zones: 1 })).toBe(
      `${AWS}\`zones\` must be a whole number from 2 to 3 (the network's private subnets span 3 zones) so the service survives the loss of a zone, got 1.`,
    );
    expect(kubernetesError({ zones: 1 })).toBe(`${K8S}\`zones\` must be a whole number from 2 to 6 so the service survives the loss of a zone, got 1.`);
  });

  test('scaling minimum below 2, or above the maximum', () => {
    expect(awsError({ scaling: { minReplicas: 1, maxReplicas: 4 } })).toBe(
      `${AWS}\`scaling.minReplicas\` must be a whole number of at least 2 so a single replica never carries the service at quiet times, got 1.`,
    );
    expect(awsError({ scaling: { minReplicas: 5, maxReplicas: 4 } })).toBe(`${AWS}\`scaling.maxReplicas\` must be at least \`scaling.minReplicas\` (5), got 4.`);
  });

  test('replicas and scaling together', () => {
    expect(awsError({ replicas: 3, scaling: { minReplicas: 2, maxReplicas: 4 } })).toBe(
      `${AWS}\`replicas\` conflicts with \`scaling\`, which sets the range of replicas: pass only \`scaling.minReplicas\` and \`scaling.maxReplicas\`.`,
    );
  });

  test('scaling on requests: Kubernetes, no load balancer, a Network Load Balancer', () => {
    expect(kubernetesError({ scaling: { minReplicas: 2, maxReplicas: 4, targetRequestsPerTarget: 100 } })).toBe(
      `${K8S}\`scaling.targetRequestsPerTarget\` is only supported on AWS: a HorizontalPodAutoscaler needs a custom metrics adapter to count requests, got 100. Use \`targetCpuUtilization\` on Kubernetes.`,
    );
    expect(awsError({ scaling: { minReplicas: 2, maxReplicas: 4, targetRequestsPerTarget: 100 } })).toBe(
      `${AWS}\`scaling.targetRequestsPerTarget\` needs a \`loadBalancer\`: it tracks the requests of the service's target group. Pass \`loadBalancer\` or use \`targetCpuUtilization\`.`,
    );
    const nlb = errorOf((stack) => {
      const platform = Platform.aws({ network: existingNetwork(stack) });
      const edge = new HealthCheckedLoadBalancer(stack, 'edge', { platform, loadBalancerType: LoadBalancerType.NETWORK, certificateArn: CERT });
      new MultiAzService(stack, 'api', {
        platform,
        loadBalancer: edge,
        healthCheck: HealthCheck.tcp(),
        workload: container(IMAGE),
        scaling: { minReplicas: 2, maxReplicas: 4, targetRequestsPerTarget: 100 },
      });
    });
    expect(nlb).toBe(
      `${AWS}\`scaling.targetRequestsPerTarget\` needs a load balancer that counts the requests of each target (an Application Load Balancer), but \`loadBalancer\` "stack/edge" does not. Use \`targetCpuUtilization\`.`,
    );
  });

  test('CPU target outside 10..90', () => {
    expect(awsError({ scaling: { minReplicas: 2, maxReplicas: 4, targetCpuUtilization: 95 } })).toBe(
      `${AWS}\`scaling.targetCpuUtilization\` must be a whole number from 10 to 90 (percent), got 95.`,
    );
  });
});

describe('MultiAzService validation: the workload', () => {
  test('the moving tag "latest"', () => {
    expect(awsError({ workload: container('ghcr.io/acme/api:latest') })).toBe(
      `${AWS}\`workload.image\` must name a fixed version (a tag other than "latest", or a digest) so every replica runs the same code and a rollback rolls back; it uses the moving tag "latest", got "ghcr.io/acme/api:latest". ${FIX_IMAGE}`,
    );
  });

  test('an untagged image', () => {
    expect(kubernetesError({ workload: container('registry.example.com:5000/fault-app') })).toBe(
      `${K8S}\`workload.image\` must name a fixed version (a tag other than "latest", or a digest) so every replica runs the same code and a rollback rolls back; it has no tag, which means "latest", got "registry.example.com:5000/fault-app". ${FIX_IMAGE}`,
    );
  });

  test('a malformed digest', () => {
    expect(awsError({ workload: container('ghcr.io/acme/api@sha256:abc') })).toBe(
      `${AWS}\`workload.image\` must be a valid image reference, [registry/]repository[:tag][@digest] with a lower-case repository: its digest is malformed (expected "@sha256:" and 64 hex digits), got "ghcr.io/acme/api@sha256:abc". Write it as the registry shows it, e.g. "ghcr.io/acme/api:1.4.2".`,
    );
  });

  test('secrets given as plain strings are rejected without echoing them', () => {
    const message = awsError({ workload: container(IMAGE, { secrets: { DB_PASSWORD: 'hunter2' as any } }) });
    expect(message).toBe(
      `${AWS}\`workload.secrets["DB_PASSWORD"]\` must be a SecretRef, got a plain string (not shown). Secrets never belong in code: use SecretRef.awsSecretsManager(secretArn, jsonKey).`,
    );
    expect(message).not.toContain('hunter2');
  });

  test('a secret in the plain environment', () => {
    expect(awsError({ workload: container(IMAGE, { environment: { TOKEN: SecretRef.awsSecretsManager(SECRET_ARN) as any } }) })).toBe(
      `${AWS}\`workload.environment["TOKEN"]\` is a SecretRef: pass it in \`workload.secrets\`, so it is read by reference.`,
    );
  });

  test('a secret the platform cannot read', () => {
    expect(kubernetesError({ workload: container('r.example.com/a:1', { secrets: { X: SecretRef.awsSecretsManager(SECRET_ARN) } }) })).toBe(
      `${K8S}\`workload.secrets["X"]\` is SecretRef.awsSecretsManager("${SECRET_ARN}"), which cannot be used on Kubernetes: pods read the Kubernetes Secrets of their namespace (sync the secret into it, e.g. with External Secrets). Use SecretRef.kubernetes(secretName, key).`,
    );
    expect(awsError({ workload: container(IMAGE, { secrets: { X: SecretRef.kubernetes('creds', 'x') } }) })).toBe(
      `${AWS}\`workload.secrets["X"]\` is SecretRef.kubernetes("creds", "x"), which cannot be used on AWS: instances read their secrets from AWS Secrets Manager at boot. Use SecretRef.awsSecretsManager(secretArn, jsonKey).`,
    );
  });

  test('malformed secret references, a variable given twice', () => {
    expect(
      awsError({
        workload: container(IMAGE, {
          environment: { A: 'x' },
          secrets: { A: SecretRef.awsSecretsManager('not-an-arn', '') },
        }),
      }),
    ).toBe(
      `${AWS_MANY}has 3 invalid props:\n` +
        '  - `workload.secrets["A"]` is also in `workload.environment`: give each variable once.\n' +
        '  - `workload.secrets["A"].secretArn` must be a Secrets Manager secret ARN like "arn:aws:secretsmanager:eu-west-1:123456789012:secret:name-AbCdEf", got "not-an-arn".\n' +
        '  - `workload.secrets["A"].jsonKey` must be a non-empty key of the JSON secret, known at synth time, got "".',
    );
  });

  test('a machine image on Kubernetes is a clear platform error', () => {
    expect(kubernetesError({ workload: Workload.machineImage({ imageId: 'ami-0123456789abcdef0', port: 8080 }) })).toBe(
      `${K8S}\`workload\` is a machine image (ami-0123456789abcdef0), which only the AWS platform can run: the Kubernetes platform runs containers. Use \`Workload.container({ image, port })\` on Kubernetes, or \`Platform.aws({ network })\`.`,
    );
  });

  test('a malformed AMI id', () => {
    expect(awsError({ workload: Workload.machineImage({ imageId: 'ami-x', port: 8080 }) })).toBe(
      `${AWS}\`workload.imageId\` must be an AMI id like "ami-0123456789abcdef0", got "ami-x".`,
    );
  });

  test('a machine image script that is not a `#!` script (it runs before the launch hook is completed)', () => {
    expect(awsError({ workload: Workload.machineImage({ imageId: 'ami-0123456789abcdef0', port: 8080, userData: '#cloud-config\n' }) })).toBe(
      `${AWS}\`workload.userData\` must be a script starting with \`#!\` (e.g. \`#!/bin/bash\`): it runs before the instance waits for its ` +
        'health check and joins the load balancer, got "#cloud-config\\n".',
    );
  });

  test('every container problem at once', () => {
    expect(
      awsError({ workload: container(IMAGE, { environment: { '1BAD': 'x', 'OK': 'a\nb' }, cpu: 'lots', memory: '0', user: 0, command: [] }) }),
    ).toBe(
      `${AWS_MANY}has 6 invalid props:\n` +
        '  - `workload.cpu` must be a positive Kubernetes quantity such as "500m", got "lots".\n' +
        '  - `workload.memory` must be a positive Kubernetes quantity such as "512Mi", got "0".\n' +
        '  - `workload.user` must be a whole number from 1 to 2147483647 (never 0: containers run as non-root), got 0.\n' +
        '  - `workload.environment` names must be letters, digits and "_", not starting with a digit, got "1BAD".\n' +
        '  - `workload.environment["OK"]` must be a single-line string, got "a\\nb".\n' +
        '  - `workload.command` must be a non-empty list of strings, got [].',
    );
  });

  test('a port outside 1..65535', () => {
    expect(awsError({ workload: Workload.container({ image: IMAGE, port: 70000 }) })).toBe(`${AWS}\`workload.port\` must be a whole number from 1 to 65535, got 70000.`);
  });

  test('not a Workload at all', () => {
    expect(awsError({ workload: { image: IMAGE, port: 3000 } as any })).toBe(
      `${AWS}\`workload\` must be a Workload, got {"image":"ghcr.io/acme/api:1.4.2","port":3000}. Pass \`Workload.container({ image, port })\`.`,
    );
  });
});

describe('MultiAzService validation: health check', () => {
  test('a grace period shorter than healthyThreshold × interval, the soonest a new replica can pass', () => {
    expect(awsError({ healthCheck: HealthCheck.http('/health', { gracePeriod: Duration.seconds(10) }) })).toBe(
      `${AWS}\`healthCheck.gracePeriod\` must be at least healthyThreshold × interval (20s), the soonest a new replica can pass its health check, or replicas are judged before they can be healthy, got 10s. Raise \`gracePeriod\` or lower the interval.`,
    );
    expect(kubernetesError({ healthCheck: HealthCheck.http('/health', { interval: Duration.seconds(30), healthyThreshold: 3, timeout: Duration.seconds(5) }) })).toBe(
      `${K8S}\`healthCheck.gracePeriod\` must be at least healthyThreshold × interval (1min 30s), the soonest a new replica can pass its health check, or replicas are judged before they can be healthy, got 1min. Raise \`gracePeriod\` or lower the interval.`,
    );
  });

  test('HTTP codes a Kubernetes probe cannot express', () => {
    expect(kubernetesError({ healthCheck: HealthCheck.http('/health', { healthyHttpCodes: '200' }) })).toBe(
      `${K8S}\`healthCheck.healthyHttpCodes\` must be "200-399" on Kubernetes: an httpGet probe accepts exactly those codes, got "200". Remove \`healthyHttpCodes\`.`,
    );
  });

  test('the core health-check rules apply', () => {
    expect(awsError({ healthCheck: HealthCheck.http('/health', { timeout: Duration.seconds(10) }) })).toBe(
      `${AWS}\`healthCheck.timeout\` must be shorter than the interval (10s), or checks overlap, got 10s. Lower the timeout or raise the interval.`,
    );
  });
});

describe('MultiAzService validation: rollout', () => {
  test('a canary weight outside 1..99', () => {
    for (const weight of [0, 100]) {
      expect(awsError({ rollout: Rollout.canary({ weight }) })).toBe(
        `${AWS}\`rollout.weight\` must be a whole number from 1 to 99 (percent of the traffic the canary receives), got ${weight}.`,
      );
    }
  });

  test('a bake time under a minute', () => {
    expect(kubernetesError({ rollout: Rollout.canary({ weight: 10, bakeTime: Duration.seconds(30) }) })).toBe(
      `${K8S}\`rollout.bakeTime\` must be a whole number of seconds from 1min to 2d, got 30s.`,
    );
  });

  test('a new version on another port', () => {
    const standby = Workload.container({ image: IMAGE, port: 8080 });
    expect(awsError({ rollout: Rollout.blueGreen({ active: DeploymentColor.BLUE, standby }) })).toBe(
      `${AWS}\`rollout.standby.port\` must equal \`workload.port\` (3000): both versions sit behind the same load balancer port, got 8080.`,
    );
  });

  test('the canary version is validated like the workload', () => {
    expect(kubernetesError({ rollout: Rollout.canary({ weight: 10, workload: container('registry.example.com/fault-app:latest') }) })).toBe(
      `${K8S}\`rollout.workload.image\` must name a fixed version (a tag other than "latest", or a digest) so every replica runs the same code and a rollback rolls back; it uses the moving tag "latest", got "registry.example.com/fault-app:latest". ${FIX_IMAGE}`,
    );
    expect(kubernetesError({ rollout: Rollout.canary({ weight: 10, workload: Workload.machineImage({ imageId: 'ami-0123456789abcdef0', port: 3000 }) }) })).toBe(
      `${K8S}\`rollout.workload\` is a machine image (ami-0123456789abcdef0), which only the AWS platform can run. Use \`Workload.container({ image, port })\`.`,
    );
  });

  test('an invalid colour', () => {
    expect(awsError({ rollout: Rollout.blueGreen({ active: 'purple' as DeploymentColor }) })).toBe(
      `${AWS}\`rollout.active\` must be one of DeploymentColor.BLUE, DeploymentColor.GREEN, got "purple".`,
    );
  });

  test('not a Rollout', () => {
    expect(awsError({ rollout: 'canary' as any })).toBe(
      `${AWS}\`rollout\` must be a Rollout, got "canary". Pass \`Rollout.rolling()\`, \`Rollout.blueGreen({ active })\` or \`Rollout.canary({ weight })\`.`,
    );
  });
});

describe('MultiAzService validation: values from plain JavaScript', () => {
  test('a canary without a weight, blue/green without a colour, a workload without a port', () => {
    expect(awsError({ rollout: Rollout.canary({} as any) })).toBe(
      `${AWS}\`rollout.weight\` is required: the percent of the traffic the canary receives (1 to 99), got nothing.`,
    );
    expect(awsError({ rollout: Rollout.blueGreen({} as any) })).toBe(
      `${AWS}\`rollout.active\` is required: the colour that receives all traffic, got nothing. Pass \`DeploymentColor.BLUE\` or \`DeploymentColor.GREEN\`.`,
    );
    // The factory refuses a workload without a port itself.
    expect(() => Workload.container({ image: IMAGE } as any)).toThrow('Workload.container: `port` is required: the port the workload listens on, got nothing.');
  });

  test('durations of the wrong type, and the old lower-case colour', () => {
    expect(awsError({ shutdownGracePeriod: 30 as any })).toBe(`${AWS}\`shutdownGracePeriod\` must be a Duration, e.g. \`Duration.seconds(30)\`, got 30.`);
    // The factory refuses it itself.
    expect(() => Rollout.canary({ weight: 10, bakeTime: 600 as any })).toThrow('Rollout.canary: `bakeTime` must be a Duration, e.g. `Duration.minutes(10)`, got 600.');
    expect(awsError({ rollout: Rollout.blueGreen({ active: 'blue' as any }) })).toBe(
      `${AWS}\`rollout.active\` must be one of DeploymentColor.BLUE, DeploymentColor.GREEN, got "blue".`,
    );
  });

  test('a secret from a Terraform variable: neither platform\'s replicas can read one', () => {
    const secret = (stack: any) => SecretRef.terraformVariable(new TerraformVariable(stack, 'token', { type: 'string', sensitive: true }));
    const message = errorOf((stack) => {
      new MultiAzService(stack, 'api', { platform: Platform.aws({ network: existingNetwork(stack) }), workload: container(IMAGE, { secrets: { TOKEN: secret(stack) } }) });
    });
    expect(message).toBe(
      `${AWS}\`workload.secrets["TOKEN"]\` is SecretRef.terraformVariable(var.token), which cannot be used on Fargate: ECS reads the secrets of a task from AWS Secrets Manager or Systems Manager Parameter Store. Use SecretRef.awsSecretsManager(secretArn, jsonKey) or SecretRef.awsSsmParameter(parameterArn).`,
    );
  });

  test('Rollout and Workload hold their declaration privately', () => {
    const workload = container(IMAGE, { cpu: '500m' });
    expect(Object.keys(workload).filter((k) => k !== 'description')).toEqual(['workloadType', 'port']);
    expect(workload._describe()).toEqual({ workloadType: WorkloadType.CONTAINER, port: 3000, container: { image: IMAGE, port: 3000, cpu: '500m' } });
    expect(String(workload)).toBe(IMAGE);
    expect(Workload.isWorkload({ workloadType: WorkloadType.CONTAINER, port: 3000 })).toBe(false);
  });

  test('a weighted rollout behind a Network Load Balancer, which forwards to one target group', () => {
    const message = errorOf((stack) => {
      const platform = Platform.aws({ network: existingNetwork(stack) });
      const edge = new HealthCheckedLoadBalancer(stack, 'edge', { platform, loadBalancerType: LoadBalancerType.NETWORK, certificateArn: CERT });
      new MultiAzService(stack, 'api', { platform, loadBalancer: edge, healthCheck: HealthCheck.tcp(), workload: container(IMAGE), rollout: Rollout.canary({ weight: 10 }) });
    });
    expect(message).toBe(
      `${AWS}\`rollout\` Rollout.canary({ weight: 10, bakeTime: 10min }) needs 2 weighted targets (one per group) on \`loadBalancer\` "stack/edge", which has room for 1 more ` +
        '(it forwards to at most 1). Weighted rollouts need an Application Load Balancer, or use `Rollout.rolling()`.',
    );
  });
});

describe('MultiAzService validation: platform props', () => {
  test('AWS-only props on Kubernetes', () => {
    expect(kubernetesError({ instanceType: 't3.small', alarms: {} })).toBe(
      `${K8S_MANY}has 2 invalid props:\n` +
        '  - `instanceType` is only supported on AWS, got "t3.small". Pods run on the cluster\'s nodes; size them with `workload.cpu` and `workload.memory`.\n' +
        '  - `alarms` is only supported on AWS, got {}. On Kubernetes the platform\'s `alerting` watches the Deployments; remove it.',
    );
  });

  test('Kubernetes-only props on AWS', () => {
    expect(awsError({ createNamespace: true, allowSingleZone: true })).toBe(
      `${AWS_MANY}has 2 invalid props:\n` +
        '  - `createNamespace` is only supported on Kubernetes, got true. Remove it on AWS.\n' +
        '  - `allowSingleZone` is only supported on Kubernetes, got true. On AWS the service spreads over `zones` zones of the network (at least 2); remove it.',
    );
  });

  test('livenessCheck is Kubernetes only, and validated like the health check', () => {
    expect(awsError({ livenessCheck: HealthCheck.http('/alive') })).toContain(
      '`livenessCheck` is only supported on Kubernetes, got a HealthCheck.',
    );
    expect(kubernetesError({ livenessCheck: HealthCheck.http('/alive', { gracePeriod: Duration.seconds(5) }) })).toBe(
      `${K8S}\`livenessCheck.gracePeriod\` must be at least healthyThreshold × interval (20s), the soonest a new replica can pass its health check, or replicas are judged before they can be healthy, got 5s. Raise \`gracePeriod\` or lower the interval.`,
    );
  });

  test('logEncryptionKeyArn must be a key ARN: CloudWatch Logs does not take an alias', () => {
    expect(awsError({ logEncryptionKeyArn: 'arn:aws:kms:eu-west-1:123456789012:alias/logs' })).toBe(
      `${AWS}\`logEncryptionKeyArn\` must be a KMS key ARN like "arn:aws:kms:eu-west-1:123456789012:key/..." (not an alias: the service needs the key itself), got "arn:aws:kms:eu-west-1:123456789012:alias/logs".`,
    );
  });

  test('AWS values', () => {
    expect(awsError({ instanceType: 'huge', rootVolumeSize: 4, logRetention: Duration.days(2), shutdownGracePeriod: Duration.minutes(20), name: 'Bad_Name' })).toBe(
      `${AWS_MANY}has 5 invalid props:\n` +
        '  - `shutdownGracePeriod` must be a whole number of seconds from 1s to 10min, got 20min.\n' +
        '  - `name` must be a DNS label of at most 40 characters (lower-case letters, digits and "-"), got "Bad_Name".\n' +
        '  - `instanceType` must be an EC2 instance type like "t3.small" or "m7g.large", got "huge".\n' +
        '  - `rootVolumeSize` must be a whole number from 8 to 16384 (GiB), got 4.\n' +
        '  - `logRetention` must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 days (the retention periods CloudWatch Logs accepts), got 2d.',
    );
  });

  test('a load balancer on the other platform', () => {
    const message = errorOf((stack) => {
      const lb = new HealthCheckedLoadBalancer(stack, 'web-lb', { platform: Platform.kubernetes({ namespaceName: 'shop' }) });
      new MultiAzService(stack, 'api', { platform: Platform.aws({ network: existingNetwork(stack) }), loadBalancer: lb, workload: container(IMAGE) });
    });
    expect(message).toBe(`${AWS}\`loadBalancer\` "stack/web-lb" runs on Kubernetes, but the service runs on AWS: put both on the same platform.`);
  });

  test('a namespace that is not a DNS label', () => {
    const message = errorOf((stack) => {
      new MultiAzService(stack, 'web', { platform: Platform.kubernetes({ namespaceName: 'Shop_1' }), workload: container('r.example.com/a:1') });
    });
    expect(message).toBe(`${K8S}\`platform.namespace\` must be a namespace name (a DNS label: lower-case letters, digits and "-"), got "Shop_1".`);
  });

  test('tokens are not validated', () => {
    expect(() =>
      errorOf((stack) => {
        const count = new TerraformVariable(stack, 'count', { type: 'number' });
        new MultiAzService(stack, 'api', { platform: Platform.aws({ network: existingNetwork(stack) }), replicas: count.numberValue, workload: container(IMAGE) });
      }),
    ).toThrow('expected an error');
  });
});

describe('MultiAzService validation: properties', () => {
  test('any replica count below 2 is rejected on both platforms; 2 and more pass', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 1 }), (replicas) => {
        expect(awsError({ replicas })).toContain('`replicas` must be a whole number of at least 2');
        expect(kubernetesError({ replicas })).toContain('`replicas` must be a whole number of at least 2');
      }),
      { numRuns: 25 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 500 }), (replicas) => {
        expect(() => kubernetesError({ replicas })).toThrow('expected an error');
      }),
      { numRuns: 25 },
    );
  });

  test('any canary weight outside 1..99 is rejected; inside, accepted', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -1000, max: 0 }), fc.integer({ min: 100, max: 10_000 })), (weight) => {
        expect(kubernetesError({ rollout: Rollout.canary({ weight }) })).toContain('`rollout.weight` must be a whole number from 1 to 99');
      }),
      { numRuns: 25 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99 }), (weight) => {
        expect(() => kubernetesError({ rollout: Rollout.canary({ weight }) })).toThrow('expected an error');
      }),
      { numRuns: 25 },
    );
  });

  test('any scaling range with min < 2 or min > max is rejected', () => {
    fc.assert(
      fc.property(fc.integer({ min: -50, max: 50 }), fc.integer({ min: 2, max: 50 }), (min, max) => {
        fc.pre(min < 2 || min > max);
        expect(awsError({ scaling: { minReplicas: min, maxReplicas: max } })).toMatch(/`scaling\.(minReplicas|maxReplicas)` must/);
      }),
      { numRuns: 40 },
    );
  });

  test('a grace period below healthyThreshold × interval is always rejected, at or above it never', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 5, max: 60 }),
        fc.integer({ min: 2, max: 10 }),
        fc.integer({ min: 0, max: 700 }),
        (interval, threshold, grace) => {
          const check = HealthCheck.http('/health', {
            interval: Duration.seconds(interval),
            timeout: Duration.seconds(2),
            healthyThreshold: threshold,
            gracePeriod: Duration.seconds(grace),
          });
          if (grace < interval * threshold) {
            expect(awsError({ healthCheck: check })).toContain('`healthCheck.gracePeriod` must be at least healthyThreshold × interval');
          } else {
            expect(() => awsError({ healthCheck: check })).toThrow('expected an error');
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  test('any image without a version tag or digest is rejected; tagged ones pass', () => {
    const segment = fc.stringMatching(/^[a-z0-9]{1,10}$/);
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 3 }), fc.boolean(), (path, latest) => {
        const image = `registry.example.com/${path.join('/')}${latest ? ':latest' : ''}`;
        expect(unpinnedImageProblem(image)).toBeDefined();
        expect(unpinnedImageProblem(`${image.replace(/:latest$/, '')}:1.2.3`)).toBeUndefined();
        expect(unpinnedImageProblem(`${image.replace(/:latest$/, '')}@sha256:${'0'.repeat(64)}`)).toBeUndefined();
      }),
      { numRuns: 50 },
    );
  });

  test('a plain string is never accepted as a secret, and never echoed', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 8, maxLength: 30 }).filter((s) => s.trim().length > 0), (value) => {
        const message = awsError({ workload: container(IMAGE, { secrets: { SECRET: value as any } }) });
        expect(message).toContain('must be a SecretRef, got a plain string (not shown)');
        expect(message).not.toContain(value);
      }),
      { numRuns: 25 },
    );
  });

  test('the canary gets about `weight`% of the pods, at least one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 200 }), fc.integer({ min: 1, max: 99 }), (stable, weight) => {
        const canary = canaryPods(stable, weight);
        expect(canary).toBeGreaterThanOrEqual(1);
        const share = (100 * canary) / (stable + canary);
        if (canary > 1) {
          expect(Math.abs(share - weight)).toBeLessThanOrEqual(100 / (stable + canary));
        }
      }),
      { numRuns: 100 },
    );
  });

  test('shell quoting round-trips through a POSIX shell', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }).filter((s) => !s.includes('\0')), (value) => {
        expect(execFileSync('/bin/sh', ['-c', `printf '%s' ${shellQuote(value)}`], { encoding: 'utf8' })).toBe(value);
      }),
      { numRuns: 30 },
    );
  });
});

describe('helpers', () => {
  test('image references', () => {
    expect(parseImage('ghcr.io/acme/api:1.4.2')).toEqual({ registry: 'ghcr.io', repository: 'acme/api', tag: '1.4.2', digest: undefined });
    expect(parseImage('nginx:1.27')).toEqual({ registry: undefined, repository: 'nginx', tag: '1.27', digest: undefined });
    expect(parseImage('localhost:5000/app@sha256:ab')).toEqual({ registry: 'localhost:5000', repository: 'app', tag: undefined, digest: 'sha256:ab' });
  });

  test('architecture from the instance type', () => {
    expect(['t3.small', 'm5dn.large', 'g5.xlarge', 'm7i-flex.large', 'c7i.large'].map(architectureOf)).toEqual(Array(5).fill('x86_64'));
    expect(['t4g.small', 'm7gd.large', 'c7gn.large', 'a1.medium', 'g5g.xlarge', 'x2gd.large'].map(architectureOf)).toEqual(Array(6).fill('arm64'));
  });

  test('Kubernetes quantities for Docker', () => {
    expect(['250m', '1', '1.5', '2000m'].map(dockerCpus)).toEqual(['0.25', '1', '1.5', '2']);
    expect(['256Mi', '1Gi', '512M', '1000k'].map(dockerMemory)).toEqual(['268435456', '1073741824', '512000000', '1000000']);
  });
});
