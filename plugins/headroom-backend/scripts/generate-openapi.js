#!/usr/bin/env node
// Writes src/schema/openapi/generated/router.ts from src/schema/openapi.yaml: the document as a
// `const` object, so that the router's request and response types follow the one contract file.
// `--check` fails when the generated file is out of date.
const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');

const root = path.resolve(__dirname, '..');
const source = path.join(root, 'src/schema/openapi.yaml');
const target = path.join(root, 'src/schema/openapi/generated/router.ts');

function render() {
  const spec = YAML.parse(fs.readFileSync(source, 'utf8'));
  return [
    '// ******************************************************************',
    '// * GENERATED from src/schema/openapi.yaml by scripts/generate-openapi.js. DO NOT EDIT. *',
    '// ******************************************************************',
    "import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';",
    '',
    `export const spec = ${JSON.stringify(spec, null, 2)} as const;`,
    '',
    'export const createOpenApiRouter = async (',
    '  options?: Parameters<typeof createValidatedOpenApiRouter>[1],',
    ') => createValidatedOpenApiRouter<typeof spec>(spec, options);',
    '',
  ].join('\n');
}

const text = render();
if (process.argv.includes('--check')) {
  const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
  if (current !== text) {
    console.error(
      `${path.relative(process.cwd(), target)} is out of date: run scripts/generate-openapi.js`,
    );
    process.exit(1);
  }
} else {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, text);
}
