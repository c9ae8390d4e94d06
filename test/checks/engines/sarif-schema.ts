import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';

/**
 * The SARIF 2.1.0 JSON schema (OASIS, `sarif-2.1.0-rtm.5`, as shipped by Microsoft's @microsoft/jest-sarif) compiled
 * by Ajv (draft-04, every error, formats such as `uri` and `date-time` checked).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const SARIF_SCHEMA = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

// unicodeRegExp off: the schema's language pattern `^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$` has a stray `]` that only non-unicode regular expressions accept.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(SARIF_SCHEMA);

/** The schema errors of a SARIF log (`[]` when it is valid). */
export function sarifSchemaErrors(log: unknown): string[] {
  return validate(log) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
}
