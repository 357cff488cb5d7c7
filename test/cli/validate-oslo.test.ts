import { join } from 'node:path';
import { run, type Console } from '@headroom/cli';
import { referenceDir } from '../reference';

/** `headroom validate` on the OpenSLO tools' own files: lists, and oslo's verdicts with --oslo. */
describe('headroom validate on OpenSLO files', () => {
  const dir = referenceDir('openslo-examples');
  const validate = async (...args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const io: Console = { isTTY: false, out: t => out.push(t), err: t => err.push(t) };
    const code = await run(['validate', ...args], io);
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  it("accepts the go-sdk's list files and gives oslo's verdicts with --oslo", async () => {
    const services = await validate(join(dir, 'go-sdk', 'v1', 'examples', 'services.yaml'));
    expect([services.code, services.err]).toEqual([0, '']);

    const v1 = join(dir, 'oslo', 'inputs', 'validate', 'v1.yaml');
    const lenient = await validate(v1);
    expect(lenient.code).toBe(1);
    expect(lenient.err).not.toContain('spec.objectives[0].op');
    const oslo = await validate('--oslo', v1);
    expect(oslo.code).toBe(1);
    expect(oslo.err).toContain(`${v1} (document 1) spec.objectives[0].op: is forbidden here`);
    expect(oslo.err).toContain(`${v1} (document 3) metadata.name: must be an RFC 1123 label`);

    const unknown = join(dir, 'oslo', 'inputs', 'validate', 'unknown-field.yaml');
    expect((await validate(unknown)).err).not.toContain('spec.markdown');
    expect((await validate('--strict', unknown)).err).toContain('spec.markdown: unknown field');
  });
});
