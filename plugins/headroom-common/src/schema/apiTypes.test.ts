import fs from 'node:fs';

// The generator is the package's own script, so that the check and `yarn generate:api-types`
// can never disagree about what a fresh generation is.
const { render, target } = require('../../scripts/generate-api-types.js') as {
  render(yamlText?: string): Promise<string>;
  target: string;
};

describe('the API types generated from the OpenAPI document', () => {
  it('are what a fresh generation gives (run yarn generate:openapi in the backend)', async () => {
    expect(fs.readFileSync(target, 'utf8')).toBe(await render());
  });

  it('follow a change of the document', async () => {
    const changed = await render(
      [
        'openapi: 3.1.0',
        'info: { title: t, version: "1" }',
        'paths: {}',
        'components:',
        '  schemas:',
        '    Probe: { type: object, required: [at], properties: { at: { type: string } } }',
      ].join('\n'),
    );
    expect(changed).toContain('Probe: {');
    expect(changed).not.toBe(fs.readFileSync(target, 'utf8'));
  });
});
