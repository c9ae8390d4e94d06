/** One credential of a receiver: the prop name users wrote, the `*_file` field it renders to, the reference. */
export interface ReceiverCredential {
  /** The option name (`routingKey`, `apiUrl`, `url`, `authPassword`). */
  readonly prop: string;
  /** The short name used in file names (`routing-key`). */
  readonly field: string;
  /** The Alertmanager configuration field (`routing_key_file`). */
  readonly configField: string;
  /** What the user passed: a SecretRef, or (wrongly) anything else. */
  readonly value: unknown;
}
