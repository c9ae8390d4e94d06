import { IConstruct } from 'constructs';
import { physicalName } from '../../core/private/naming';
import { RetentionPlan, retentionOf } from '../../core/private/retention';
import type { SecretRefDescription } from '../../core/private/secrets';
import type { AlarmTopicProps } from '../alarm-topic';

/** SNS topic names: 1 to 256 letters, digits, hyphens or underscores. */
export const MAX_TOPIC_NAME_LENGTH = 256;

/** Everything the AWS rendering of an AlarmTopic needs, defaults applied. */
export interface AlarmTopicPlan {
  /** The topic name. */
  readonly name: string;
  /** The key given by the user; a key is created when absent. */
  readonly encryptionKeyArn?: string;
  readonly emails: string[];
  readonly httpsEndpoints: string[];
  /** Endpoints that carry a key, by reference (Terraform variables). */
  readonly secretHttpsEndpoints: SecretRefDescription[];
  readonly httpsEndpointsAutoConfirm: boolean;
  /** Whether the topic and the created key are guarded against deletion. */
  readonly retention: RetentionPlan;
  /** Whether the topic creates the stack's dashboard. */
  readonly dashboard: boolean;
}

/** The plan of an AlarmTopic whose props are valid. */
export function planAlarmTopic(scope: IConstruct, props: AlarmTopicProps): AlarmTopicPlan {
  return {
    name: props.name ?? physicalName(scope, undefined, { maxLength: MAX_TOPIC_NAME_LENGTH }),
    encryptionKeyArn: props.encryptionKeyArn,
    emails: [...(props.emails ?? [])],
    httpsEndpoints: [...(props.httpsEndpoints ?? [])],
    secretHttpsEndpoints: (props.secretHttpsEndpoints ?? []).map((ref) => ref._describe()),
    httpsEndpointsAutoConfirm: props.httpsEndpointsAutoConfirm ?? false,
    retention: retentionOf(props.removalPolicy),
    dashboard: props.dashboard ?? true,
  };
}
