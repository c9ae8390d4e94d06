import { Duration } from '../core/duration';

/**
 * How private subnets reach the internet.
 */
export enum NatGatewayMode {
  /**
   * One NAT gateway in each zone; each zone's private subnets route through their own zone's gateway, so losing
   * a zone never cuts the others off. The default.
   */
  PER_ZONE = 'PER_ZONE',
  /**
   * One NAT gateway for all zones. Cheaper, but a **single point of failure**: when its zone fails, the private
   * subnets of every zone lose outbound internet access (package mirrors, external APIs, AWS endpoints without
   * VPC endpoints).
   */
  SINGLE = 'SINGLE',
  /** No NAT gateway: private subnets have no route to the internet (use VPC endpoints). */
  NONE = 'NONE',
}

/**
 * VPC flow logs of a `MultiAzNetwork`.
 */
export interface FlowLogOptions {
  /**
   * Record flow logs. Turning them off loses the record of accepted and rejected traffic that incident
   * response and audits rely on.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * How long flow logs are kept (CloudWatch Logs accepts 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400,
   * 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653 days).
   * @default Duration.days(365)
   */
  readonly retention?: Duration;
  /**
   * ARN of a KMS key that encrypts the log group (`arn:aws:kms:<region>:<account>:key/<id>`; not an alias:
   * CloudWatch Logs needs the key itself). Its key policy must allow the CloudWatch Logs service.
   * @default - a KMS key with rotation is created for the flow logs
   */
  readonly encryptionKeyArn?: string;
}
