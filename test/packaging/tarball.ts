import { execFileSync } from 'node:child_process';

/** What an npm tarball holds: its file paths (without the `package/` prefix) and manifest. */
export interface Tarball {
  files: Set<string>;
  manifest: Record<string, unknown>;
}

export function readTarball(file: string): Tarball {
  const list = execFileSync('tar', ['-tzf', file], { encoding: 'utf8' });
  const files = new Set(
    list
      .split('\n')
      .filter(line => line.startsWith('package/') && !line.endsWith('/'))
      .map(line => line.slice('package/'.length)),
  );
  const manifest = JSON.parse(
    execFileSync('tar', ['-xzOf', file, 'package/package.json'], { encoding: 'utf8' }),
  );
  return { files, manifest };
}

/**
 * Every file a manifest points at for a consumer: main, module, types, bin, configSchema,
 * each path in exports (conditions nested at any depth) and typesVersions. Paths are
 * relative to the package root, without a leading `./`.
 */
export function manifestTargets(manifest: Record<string, unknown>): string[] {
  const targets: string[] = [];
  const add = (value: unknown): void => {
    if (typeof value === 'string') targets.push(value.replace(/^\.\//, ''));
    else if (Array.isArray(value)) value.forEach(add);
    else if (value && typeof value === 'object') {
      // An export's `backstage` condition names the feature type it holds, not a file.
      Object.entries(value).forEach(([key, inner]) => key !== 'backstage' && add(inner));
    }
  };
  for (const field of ['main', 'module', 'types', 'typings', 'bin', 'configSchema', 'exports']) {
    add(manifest[field]);
  }
  const typesVersions = manifest.typesVersions as Record<string, unknown> | undefined;
  Object.values(typesVersions ?? {}).forEach(add);
  return targets;
}

/** Dependency ranges a registry client cannot resolve (Yarn's workspace protocol). */
export function workspaceRanges(manifest: Record<string, unknown>): string[] {
  const found: string[] = [];
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
    const deps = (manifest[field] ?? {}) as Record<string, string>;
    for (const [name, range] of Object.entries(deps)) {
      if (range.startsWith('workspace:')) found.push(`${field}.${name}: ${range}`);
    }
  }
  return found;
}
