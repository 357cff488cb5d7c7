import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import { referenceDir } from '../reference';

/**
 * A validator for Grafana's plugin.json schema (draft-07, from the reference folder). Its id,
 * version and updated patterns escape `-` and `%`, which JavaScript rejects in unicode mode, so
 * patterns are compiled without the `u` flag; strict mode is off for the schema's own keywords.
 */
export function pluginJsonValidator(): (pluginJson: unknown) => string[] {
  const schema = JSON.parse(
    readFileSync(join(referenceDir('grafana'), 'plugin.schema.json'), 'utf8'),
  );
  const ajv = new Ajv({ unicodeRegExp: false, strict: false, allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  return pluginJson => (validate(pluginJson) ? [] : (validate.errors ?? []).map(describe));
}

function describe(error: ErrorObject): string {
  const where = error.instancePath || '(root)';
  if (error.keyword === 'additionalProperties') {
    return `${where}: Additional property ${String(error.params.additionalProperty)} is not allowed`;
  }
  return `${where}: ${error.message ?? error.keyword}`;
}
