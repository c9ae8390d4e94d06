/*
 * The arguments of the service's variant factories (Workload, Rollout) as they arrive at run time: a struct of known
 * options, each of the right type, thrown at once as one error naming the factory. Values that need the platform
 * (a port range, a pinned image, the kind of a secret) are judged by the MultiAzService they are given to, which
 * names the prop (`workload.port`).
 */
import { isBranded } from '../../core/private/brand';
import { KnownProps, RenamedProps, checkStruct, isRecord } from '../../core/private/runtime';
import { PropValidator, isUnresolved } from '../../core/private/validation';
import type { BlueGreenRolloutOptions, CanaryRolloutOptions } from '../rollout';
import type { ContainerWorkloadProps, MachineImageWorkloadProps } from '../workload';

const CONTAINER: KnownProps<ContainerWorkloadProps> = {
  image: true,
  port: true,
  cpu: true,
  memory: true,
  environment: true,
  secrets: true,
  command: true,
  args: true,
  user: true,
};
const CONTAINER_RENAMED: RenamedProps = {
  containerPort: 'Use `port`.',
  env: 'Use `environment` (plain values) or `secrets` (SecretRefs).',
  resources: 'Use `cpu` and `memory` (each the request and the limit).',
  cpuRequest: 'Use `cpu` (the request and the limit).',
  memoryRequest: 'Use `memory` (the request and the limit).',
  entrypoint: 'Use `command`.',
  runAsUser: 'Use `user`.',
};
const MACHINE_IMAGE: KnownProps<MachineImageWorkloadProps> = { imageId: true, port: true, userData: true };
const BLUE_GREEN: KnownProps<BlueGreenRolloutOptions> = { active: true, standby: true };
const CANARY: KnownProps<CanaryRolloutOptions> = { weight: true, bakeTime: true, workload: true };

/** `Workload.container(props)`. */
export function checkContainerProps(props: unknown): void {
  const v = new PropValidator('Workload.container');
  if (checkStruct(v, '', props, CONTAINER, { example: "{ image: 'ghcr.io/acme/api:1.4.2', port: 3000 }", renamed: CONTAINER_RENAMED }) && isRecord(props)) {
    ofType(v, props, ['image', 'cpu', 'memory'], 'string', 'a string');
    ofType(v, props, ['port', 'user'], 'number', 'a number');
    if (props.image === undefined) {
      v.require('image', props.image, false, 'is required: the container image with a version tag or digest', 'Pass e.g. "ghcr.io/acme/api:1.4.2".');
    }
    if (props.port === undefined) {
      v.require('port', props.port, false, 'is required: the port the workload listens on');
    }
    for (const key of ['command', 'args'] as const) {
      const list = props[key];
      if (list !== undefined && !isUnresolved(list)) {
        v.require(key, list, Array.isArray(list) && list.every((a) => typeof a === 'string'), 'must be a list of strings');
      }
    }
    for (const key of ['environment', 'secrets'] as const) {
      const map = props[key];
      if (map !== undefined && !isUnresolved(map)) {
        v.require(key, map, isRecord(map), `must be an object of ${key === 'environment' ? 'values' : 'SecretRefs'} by variable name`);
      }
    }
  }
  v.throwIfInvalid();
}

/** `Workload.machineImage(props)`. */
export function checkMachineImageProps(props: unknown): void {
  const v = new PropValidator('Workload.machineImage');
  if (checkStruct(v, '', props, MACHINE_IMAGE, { example: "{ imageId: 'ami-0123456789abcdef0', port: 8080 }" }) && isRecord(props)) {
    ofType(v, props, ['imageId', 'userData'], 'string', 'a string');
    ofType(v, props, ['port'], 'number', 'a number');
  }
  v.throwIfInvalid();
}

/** `Rollout.blueGreen(options)`. */
export function checkBlueGreenOptions(options: unknown): void {
  const v = new PropValidator('Rollout.blueGreen');
  if (checkStruct(v, '', options, BLUE_GREEN, { example: '{ active: DeploymentColor.BLUE }' }) && isRecord(options)) {
    ofType(v, options, ['active'], 'string', 'DeploymentColor.BLUE or DeploymentColor.GREEN');
    workloadOption(v, 'standby', options.standby);
  }
  v.throwIfInvalid();
}

/** `Rollout.canary(options)`. */
export function checkCanaryOptions(options: unknown): void {
  const v = new PropValidator('Rollout.canary');
  if (checkStruct(v, '', options, CANARY, { example: '{ weight: 10, bakeTime: Duration.minutes(10) }' }) && isRecord(options)) {
    ofType(v, options, ['weight'], 'number', 'a number (percent)');
    if (options.bakeTime !== undefined) {
      v.require('bakeTime', options.bakeTime, isBranded(options.bakeTime, 'Duration'), 'must be a Duration, e.g. `Duration.minutes(10)`');
    }
    workloadOption(v, 'workload', options.workload);
  }
  v.throwIfInvalid();
}

function workloadOption(v: PropValidator, prop: string, value: unknown): void {
  if (value !== undefined) {
    v.require(prop, value, isBranded(value, 'Workload'), 'must be a Workload, e.g. `Workload.container({ image, port })`');
  }
}

/** Each of `keys` that is set (and not a token) must be of `type`. */
function ofType(v: PropValidator, values: Record<string, unknown>, keys: string[], type: 'string' | 'number', what: string): void {
  for (const key of keys) {
    const value = values[key];
    if (value !== undefined && !isUnresolved(value)) {
      v.require(key, value, typeof value === type && (type !== 'number' || Number.isFinite(value)), `must be ${what}`);
    }
  }
}
