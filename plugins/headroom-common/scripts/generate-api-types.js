#!/usr/bin/env node
// Writes src/schema/openapi/generated/types.ts from the backend's OpenAPI document: its `paths`
// and `components` as TypeScript types (openapi-typescript), which type the clients, so that a
// client that disagrees with the document does not compile. `--check` fails when the file is out
// of date; src/schema/apiTypes.test.ts checks the same.
const fs = require('node:fs');
const path = require('node:path');
const { default: openapiTS, astToString } = require('openapi-typescript');

const root = path.resolve(__dirname, '..');
const source = path.resolve(root, '../headroom-backend/src/schema/openapi.yaml');
const target = path.join(root, 'src/schema/openapi/generated/types.ts');

const BANNER = [
  '// GENERATED from plugins/headroom-backend/src/schema/openapi.yaml by',
  '// scripts/generate-api-types.js (openapi-typescript). DO NOT EDIT.',
  '',
].join('\n');

/** The file's text as a fresh generation from the document (its YAML text) gives it. */
async function render(yamlText = fs.readFileSync(source, 'utf8')) {
  // An object schema without properties takes any properties (JSON Schema's default), so its
  // type is Record<string, unknown>, not openapi-typescript's default Record<string, never>.
  return BANNER + astToString(await openapiTS(yamlText, { emptyObjectsUnknown: true }));
}

async function main() {
  const text = await render();
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
    if (current !== text) {
      console.error(
        `${path.relative(process.cwd(), target)} is out of date: run scripts/generate-api-types.js`,
      );
      process.exit(1);
    }
    return;
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, text);
}

module.exports = { render, target };

if (require.main === module) {
  main().catch(e => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
