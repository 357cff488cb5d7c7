import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expressionProblem } from '@headroom/core';
import fc from 'fast-check';
import { parse } from 'yaml';
import { run } from './program';
import type { Console } from './io/console';

/**
 * Fuzzing the command's inputs (file contents, option values): whatever they hold, the command
 * ends with 0, 1 or 2 (never a crash: that is `run` rejecting, exit 3 with a stack), and a
 * refusal (2) is one line naming the option or the file it is about.
 */
const examples = resolve(__dirname, '..', '..', '..', 'dev-env', 'examples');
const SLO = join(examples, 'slos', 'order-gateway.openslo.yaml');
const SERIES = join(examples, 'series', 'order-gateway-availability.csv');
const sloText = readFileSync(SLO, 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'headroom-fuzz-'));
let n = 0;
const file = (name: string, text: string) => {
  const path = join(dir, `${n++}-${name}`);
  writeFileSync(path, text);
  return path;
};

function capture(): Console & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, isTTY: false, out: t => stdout.push(t), err: t => stderr.push(t) };
}

/** Text that looks like what people put in these places, and text that does not. */
const junk = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom(
    '',
    '{}',
    'sum(rate(x{',
    'x offset 1h',
    'x{a="b\nc"}',
    '9999999999999',
    '-1',
    'NaN',
    '1e400',
    '0x10',
    '2026-02-30T00:00:00Z',
    '{{.window}}',
    '"',
    '\u0000',
  ),
);

/** A query of the example SLO replaced by junk: the file is YAML, the query anything. */
const sloWithQuery = junk.map(q =>
  sloText.replace('http_requests_total{service="order-gateway",code=~"5.."}', JSON.stringify(q)),
);

/** The example SLO file cut, spliced or with junk inserted anywhere. */
const mangledSlo = fc
  .tuple(fc.nat(sloText.length), fc.nat(40), junk)
  .map(([at, cut, insert]) => sloText.slice(0, at) + insert + sloText.slice(at + cut));

async function outcome(args: string[]) {
  const io = capture();
  const code = await run(args, io);
  return { code, io };
}

/** Exit 2 is one line that names what it is about. */
function expectRefusalNames(io: ReturnType<typeof capture>, names: string[]) {
  expect(io.stderr).toHaveLength(1);
  expect(names.some(name => io.stderr[0]!.includes(name))).toBe(true);
}

jest.setTimeout(120_000);

describe('fuzzing the command line', () => {
  it('validate: any file content ends in 0, 1 or 2, each problem naming the file', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(sloWithQuery, mangledSlo, junk), async text => {
        const path = file('slo.yaml', text);
        const { code, io } = await outcome(['validate', path]);
        expect([0, 1, 2]).toContain(code);
        if (code !== 0) {
          expect(io.stderr.length).toBeGreaterThan(0);
          const lines = io.stderr.join('\n').split('\n').filter(Boolean);
          // Every problem names the file; the last line may count them.
          const problems = lines.filter(l => !/^\d+ problems? in \d+ file\(s\)$/.test(l));
          expect(problems.length).toBeGreaterThan(0);
          for (const line of problems) expect(line).toContain(path);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('rules: what it writes is PromQL Prometheus parses; refusals name the file', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(sloWithQuery, mangledSlo), async text => {
        const path = file('slo.yaml', text);
        const { code, io } = await outcome(['rules', path]);
        expect([0, 1, 2]).toContain(code);
        if (code === 2) expectRefusalNames(io, [path]);
        if (code === 0 || code === 1) {
          const doc = parse(io.stdout.join('')) as { groups: Array<{ rules: { expr: string }[] }> };
          for (const g of doc.groups ?? []) {
            for (const r of g.rules) expect(expressionProblem(r.expr)).toBeUndefined();
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it('evaluate: any --at, --name or series file ends in 0 or 2, naming the option or file', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.option(junk, { nil: undefined }),
        fc.option(junk, { nil: undefined }),
        fc.option(
          fc.oneof(
            junk,
            fc
              .array(fc.tuple(junk, fc.integer(), fc.integer()), { maxLength: 5 })
              .map(rows => ['timestamp,bad,total', ...rows.map(r => r.join(','))].join('\n')),
          ),
          { nil: undefined },
        ),
        async (at, name, series) => {
          const seriesFile = series === undefined ? SERIES : file('series.csv', series);
          const args = ['evaluate', '--slo', SLO, '--series', seriesFile];
          if (at !== undefined) args.push('--at', at);
          if (name !== undefined) args.push('--name', name);
          const { code, io } = await outcome(args);
          expect([0, 2]).toContain(code);
          if (code === 2) expectRefusalNames(io, ['--at', '--name', seriesFile, SLO]);
          if (code === 2 && at !== undefined && series === undefined && name === undefined) {
            expectRefusalNames(io, ['--at', "'--at"]);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('gate: any budget threshold or time ends in 0, 1 or 2, a refusal naming the option', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('--min-budget', '--caution-budget', '--at', '--step'),
        junk,
        async (flag, value) => {
          const { code, io } = await outcome([
            'gate',
            SLO,
            '--series-dir',
            join(examples, 'series'),
            flag,
            value,
          ]);
          expect([0, 1, 2]).toContain(code);
          if (code === 2) expectRefusalNames(io, [flag]);
        },
      ),
      { numRuns: 120 },
    );
  });

  it('rules --k8s/--namespace/--labels: any value ends in 0 or 2, a refusal naming the option', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('--k8s', '--namespace', '--labels', '--long-window'),
        junk,
        async (flag, value) => {
          const args = ['rules', SLO, flag, value];
          if (flag === '--namespace') args.push('--k8s', 'slos');
          const { code, io } = await outcome(args);
          expect([0, 2]).toContain(code);
          if (code === 2) expectRefusalNames(io, [flag, value.trim() === '' ? flag : value]);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('anomalies: any series file ends in 0 or 2, a refusal naming the file', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          junk,
          fc
            .array(fc.tuple(junk, fc.oneof(fc.double(), junk)), { maxLength: 8 })
            .map(rows => ['timestamp,value', ...rows.map(r => r.join(','))].join('\n')),
        ),
        async text => {
          const path = file('values.csv', text);
          const { code, io } = await outcome(['anomalies', '--series', path]);
          expect([0, 2]).toContain(code);
          if (code === 2) expectRefusalNames(io, [path]);
        },
      ),
      { numRuns: 80 },
    );
  });
});
