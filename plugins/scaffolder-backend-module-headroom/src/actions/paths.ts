import { InputError } from '@backstage/errors';
import path from 'node:path';

/** Resolves a path inside the workspace; refuses one that leaves it (`../`, absolute). */
export function workspaceFile(
  actionId: string,
  field: string,
  workspacePath: string,
  relative: string,
): string {
  const root = path.resolve(workspacePath);
  const target = path.resolve(root, relative);
  if (path.isAbsolute(relative) || (target !== root && !target.startsWith(root + path.sep))) {
    throw new InputError(
      `${actionId}: input.${field} '${relative}' must be a path inside the workspace`,
    );
  }
  return target;
}
