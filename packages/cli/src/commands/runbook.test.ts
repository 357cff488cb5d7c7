import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Console } from '../io/console';
import { run } from '../program';

function capture(): Console & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, isTTY: false, out: t => stdout.push(t), err: t => stderr.push(t) };
}

const dir = mkdtempSync(join(tmpdir(), 'headroom-runbook-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const RUNBOOK = `apiVersion: headroom.dev/v1alpha1
kind: Runbook
metadata:
  name: ledger-errors
spec:
  service: ledger
  slo: availability
  trigger:
    slo: { severity: page }
  diagnosis:
    - name: recent-deploy
      recentChanges: { within: 30m }
  actions:
    - { name: roll-back, type: rollback, when: [recent-deploy] }
  verify: { within: 5m, stableFor: 1m }
`;

const SLO = `version: prometheus/v1
service: ledger
slos:
  - name: availability
    objective: 99.9
    sli:
      events:
        error_query: sum(rate(http_requests_total{service="ledger",code=~"5.."}[{{.window}}]))
        total_query: sum(rate(http_requests_total{service="ledger"}[{{.window}}]))
    alerting:
      page_alert: {}
      ticket_alert: {}
`;

describe('headroom runbook', () => {
  it('validate: counts valid runbooks, exit 0', async () => {
    const io = capture();
    expect(await run(['runbook', 'validate', file('ok.yaml', RUNBOOK)], io)).toBe(0);
    expect(io.stdout).toEqual(['1 runbook in 1 file(s): valid']);
  });

  it('validate: lists every problem naming file, document and field, exit 1', async () => {
    const bad = file(
      'bad.yaml',
      RUNBOOK.replace('type: rollback', 'type: pray').replace(
        '  verify: { within: 5m, stableFor: 1m }\n',
        '',
      ),
    );
    const io = capture();
    expect(await run(['runbook', 'validate', bad], io)).toBe(1);
    expect(io.stderr).toEqual([
      `${bad} (document 1) spec.actions[0].type: must be one of rollback, scale, restart, shift-traffic, shed-traffic, flag, webhook`,
      `${bad} (document 1) spec.verify: is required`,
      '2 problems in runbook files',
    ]);
  });

  it('run: refuses an invalid runbook before reaching anything, exit 2', async () => {
    // A server that counts requests: none may arrive.
    let requests = 0;
    const server = createServer((_req, res) => {
      requests++;
      res.end('{}');
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const bad = file(
        'query.yaml',
        RUNBOOK.replace(
          'recentChanges: { within: 30m }',
          'query: sum(rate(x[1m])\n      expect: { above: 1 }',
        ),
      );
      const io = capture();
      const code = await run(
        [
          'runbook',
          'run',
          bad,
          '--slo',
          file('slo.yaml', SLO),
          '--simulator',
          url,
          '--prometheus',
          url,
        ],
        io,
      );
      expect(code).toBe(2);
      expect(io.stderr.join('\n')).toContain(
        `${bad} (document 1) spec.diagnosis[0].query: does not parse as PromQL`,
      );
      expect(requests).toBe(0);
    } finally {
      server.close();
    }
  });

  it('run: needs a source of recent changes and a target for its actions', async () => {
    const io = capture();
    const code = await run(
      [
        'runbook',
        'run',
        file('ok2.yaml', RUNBOOK),
        '--slo',
        file('slo2.yaml', SLO),
        '--prometheus',
        'http://127.0.0.1:9',
      ],
      io,
    );
    expect(code).toBe(2);
    expect(io.stderr.join('\n')).toContain(
      '--simulator or --changes: recent changes need one of them',
    );
  });
  /** The backend's runbook routes as the CLI uses them: list, one run, record. */
  async function backend(items: unknown[], approvals: Record<string, string[]> = {}) {
    const posted: { auth?: string; body: { record: Record<string, unknown> } }[] = [];
    const server = createServer((req, res) => {
      let text = '';
      req.on('data', c => (text += c));
      req.on('end', () => {
        res.setHeader('content-type', 'application/json');
        if (req.method === 'GET' && req.url === '/api/headroom/runbooks/runs') {
          res.end(JSON.stringify({ items: items.map(record => ({ record })) }));
        } else if (req.method === 'GET') {
          const id = req.url!.split('/').at(-1)!;
          res.end(
            JSON.stringify({ id, approvals: (approvals[id] ?? []).map(action => ({ action })) }),
          );
        } else {
          posted.push({ auth: req.headers.authorization, body: JSON.parse(text) });
          res.writeHead(201).end(JSON.stringify({ id: 'run-1', incidentId: null }));
        }
      });
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    return { posted, server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
  }

  const manual = (runbook: string, url: string, extra: string[] = []) => [
    'runbook',
    'run',
    file('manual.yaml', runbook),
    '--slo',
    file('slo3.yaml', SLO),
    '--prometheus',
    'http://127.0.0.1:9',
    '--changes',
    file(
      'changes.json',
      JSON.stringify([
        { service: 'ledger', at: new Date(Date.now() - 60_000).toISOString(), action: 'deploy' },
      ]),
    ),
    '--kubernetes',
    'payments',
    '--triggered-by',
    'user:default/hana.mori',
    '--record',
    url,
    '--token',
    't0ken',
    ...extra,
  ];

  it('run: a manual dry run from a supplied change list, recorded in the backend', async () => {
    const b = await backend([]);
    try {
      const io = capture();
      // Nothing here reaches Prometheus: no alert is awaited, no query step, nothing verified.
      expect(await run(manual(RUNBOOK, b.url, ['--dry-run']), io)).toBe(0);
      const record = JSON.parse(io.stdout.join('\n'));
      expect(record).toMatchObject({
        mode: 'dry-run',
        result: 'dry-run',
        trigger: { by: 'user:default/hana.mori', firedAt: null },
        chosen: ['roll-back'],
      });
      expect(record.findings[0].detail).toMatch(
        /^1 change\(s\); the last: deploy of ledger 6\d s ago$/,
      );
      expect(b.posted).toEqual([{ auth: 'Bearer t0ken', body: { record } }]);
      expect(io.stderr.at(-1)).toBe(
        `runbook ledger-errors: recorded as run run-1 in ${b.url}, no incident found`,
      );
    } finally {
      b.server.close();
    }
  });

  it("run: the backend's audit log feeds the cooldown, and its approvals the risky actions", async () => {
    const now = Date.now() / 1000;
    const past = {
      runbook: 'ledger-errors',
      service: 'ledger',
      startedAt: now - 200,
      endedAt: now - 100,
      actions: [{ startedAt: now - 199 }],
    };
    const b = await backend([past], { 'run-0': ['roll-back'] });
    try {
      const io = capture();
      expect(await run(manual(RUNBOOK, b.url, ['--dry-run']), io)).toBe(1);
      const held = JSON.parse(io.stdout.join('\n'));
      expect(held.result).toBe('refused');
      expect(held.actions[0].decision.reason).toMatch(
        /^the last run on ledger ended 10\d s ago; cooldown 600 s$/,
      );

      const risky = RUNBOOK.replace(
        'when: [recent-deploy] }',
        'when: [recent-deploy], risky: true }',
      );
      const quiet = await backend([], { 'run-0': ['roll-back'] });
      try {
        const waiting = capture();
        expect(await run(manual(risky, quiet.url, ['--dry-run']), waiting)).toBe(1);
        expect(JSON.parse(waiting.stdout.join('\n')).result).toBe('awaiting-approval');
        const approved = capture();
        const code = await run(
          manual(risky, quiet.url, ['--dry-run', '--approved-in', 'run-0']),
          approved,
        );
        expect(code).toBe(0);
        expect(JSON.parse(approved.stdout.join('\n')).actions[0].decision.verdict).toBe('dry-run');
      } finally {
        quiet.server.close();
      }
    } finally {
      b.server.close();
    }
  });

  it('run: waits where a risky action needs approval, shows the run in the backend and goes on once approved', async () => {
    const risky = RUNBOOK.replace(
      'when: [recent-deploy] }',
      'when: [recent-deploy], risky: true }',
    );
    const calls: { method: string; url: string; record?: { result: string } }[] = [];
    let polls = 0;
    const approvedAt = '2026-12-07T12:00:05Z';
    const server = createServer((req, res) => {
      let text = '';
      req.on('data', c => (text += c));
      req.on('end', () => {
        res.setHeader('content-type', 'application/json');
        const body = text ? (JSON.parse(text) as { record: { result: string } }) : undefined;
        calls.push({
          method: req.method!,
          url: req.url!,
          ...(body ? { record: body.record } : {}),
        });
        if (req.method === 'GET' && req.url === '/api/headroom/runbooks/runs') {
          res.end(JSON.stringify({ items: [] }));
        } else if (req.method === 'GET') {
          // Someone approves on the incident after the run's second look.
          polls += 1;
          const approvals =
            polls >= 2
              ? [{ action: 'roll-back', by: 'user:default/hana.mori', at: approvedAt }]
              : [];
          res.end(JSON.stringify({ id: 'run-w', approvals }));
        } else {
          res
            .writeHead(req.method === 'POST' ? 201 : 200)
            .end(JSON.stringify({ id: 'run-w', incidentId: 'inc-1' }));
        }
      });
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const io = capture();
      const code = await run(
        manual(risky, url, ['--dry-run', '--approval-wait', '1m', '--poll', '1']),
        io,
      );
      expect(code).toBe(0);
      const record = JSON.parse(io.stdout.join('\n'));
      // It went on from the approved action (a dry run here), the approval in its record.
      expect(record.result).toBe('dry-run');
      expect(record.actions).toEqual([
        expect.objectContaining({
          action: 'roll-back',
          decision: expect.objectContaining({ verdict: 'dry-run' }),
          approval: { by: 'user:default/hana.mori', at: Date.parse(approvedAt) / 1000 },
        }),
      ]);
      // Recorded as waiting first, its approvals read twice, then the same run finished.
      expect(calls.map(c => `${c.method} ${c.url} ${c.record?.result ?? ''}`.trim())).toEqual([
        'GET /api/headroom/runbooks/runs',
        'POST /api/headroom/runbooks/runs awaiting-approval',
        'GET /api/headroom/runbooks/runs/run-w',
        'GET /api/headroom/runbooks/runs/run-w',
        'PUT /api/headroom/runbooks/runs/run-w dry-run',
      ]);
      expect(io.stderr.at(-1)).toBe(
        `runbook ledger-errors: recorded as run run-w in ${url}, incident inc-1`,
      );
      const alone = capture();
      expect(
        await run(
          manual(risky, url, ['--approval-wait', '1m']).filter(
            (a, i, all) => a !== '--record' && all[i - 1] !== '--record',
          ),
          alone,
        ),
      ).toBe(2);
      expect(alone.stderr.join('\n')).toContain('--approval-wait: needs --record');
    } finally {
      server.close();
    }
  });
});
