/**
 * A report the resilience checks write next to each stack's `cdk.tf.json`.
 */
export enum ReportFormat {
  /** `resilience-report.json`: every finding, suppression and construct, for scripts. */
  JSON = 'JSON',
  /** `resilience-report.md`: the human report, with a diagram of the failure domains. */
  MARKDOWN = 'MARKDOWN',
  /** `resilience-report.sarif`: SARIF 2.1.0, for GitHub code scanning and other SARIF viewers. */
  SARIF = 'SARIF',
  /** `resilience-report.junit.xml`: JUnit XML, one test case per rule, for every CI's test tab. */
  JUNIT = 'JUNIT',
}
