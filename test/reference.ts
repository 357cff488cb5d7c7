import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The folder of real reference files from the projects Headroom must agree with (Sloth, OpenSLO,
 * FOCUS, OpenCost, NAB, Kayenta). It sits beside the project: `../shared/reference` from the
 * repository root, or wherever HEADROOM_REFERENCE_DIR points. A missing folder fails the test
 * that asked for it: agreement with these files is the proof, so it is never skipped.
 */
export function referenceDir(...parts: string[]): string {
  const root =
    process.env.HEADROOM_REFERENCE_DIR ?? resolve(__dirname, '..', '..', 'shared', 'reference');
  const dir = resolve(root, ...parts);
  if (!existsSync(dir)) {
    throw new Error(
      `Reference data not found at ${dir}. Set HEADROOM_REFERENCE_DIR to the folder that holds sloth/, openslo/, focus/ ...`,
    );
  }
  return dir;
}
