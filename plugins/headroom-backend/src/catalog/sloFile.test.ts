import { resolveSloFile } from './sloFile';

describe('resolveSloFile', () => {
  const fileBase = { type: 'file' as const, target: '/repo/catalog/ledger/catalog-info.yaml' };

  it('resolves a relative path next to the catalog file', () => {
    expect(resolveSloFile('./slos.yaml', fileBase)).toEqual({
      type: 'file',
      target: '/repo/catalog/ledger/slos.yaml',
    });
    expect(resolveSloFile('slo/availability.yaml', fileBase)).toEqual({
      type: 'file',
      target: '/repo/catalog/ledger/slo/availability.yaml',
    });
  });

  it('refuses paths that leave the catalog file folder, and absolute paths', () => {
    expect(() => resolveSloFile('../wallet-api/slos.yaml', fileBase)).toThrow(
      /points outside the folder/,
    );
    expect(() => resolveSloFile('/etc/passwd', fileBase)).toThrow(/must be relative/);
  });

  it('resolves against a URL location and keeps absolute URLs', () => {
    const urlBase = {
      type: 'url' as const,
      target: 'https://git.example/org/repo/blob/main/catalog-info.yaml',
    };
    expect(resolveSloFile('./slos.yaml', urlBase)).toEqual({
      type: 'url',
      target: 'https://git.example/org/repo/blob/main/slos.yaml',
    });
    expect(resolveSloFile('https://slo.example/ledger.yaml', fileBase)).toEqual({
      type: 'url',
      target: 'https://slo.example/ledger.yaml',
    });
  });
});
