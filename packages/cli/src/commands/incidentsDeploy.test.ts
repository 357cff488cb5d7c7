import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { run } from '../program';
import type { Console } from '../io/console';

function capture(): Console & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, isTTY: false, out: t => stdout.push(t), err: t => stderr.push(t) };
}

async function backend(status: number, reply: unknown) {
  const seen: { url?: string; auth?: string; body?: unknown }[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    let text = '';
    req.on('data', c => (text += c));
    req.on('end', () => {
      seen.push({ url: req.url, auth: req.headers.authorization, body: JSON.parse(text) });
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
    });
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, seen, close: () => new Promise(r => server.close(r)) };
}

describe('headroom incidents deploy', () => {
  it('posts the deployment with the token and prints what the backend recorded', async () => {
    const b = await backend(201, {
      service: 'ledger',
      at: '2026-12-01T10:00:00.000Z',
      version: 'v42',
    });
    const io = capture();
    const code = await run(
      [
        'incidents',
        'deploy',
        '--backend',
        `${b.url}/`,
        '--service',
        'ledger',
        '--version',
        'v42',
        '--at',
        '2026-12-01T10:00:00Z',
        '--token',
        't0k',
      ],
      io,
    );
    await b.close();
    expect(code).toBe(0);
    expect(b.seen).toEqual([
      {
        url: '/api/headroom/deploys',
        auth: 'Bearer t0k',
        body: { service: 'ledger', version: 'v42', at: '2026-12-01T10:00:00Z' },
      },
    ]);
    expect(io.stdout.join('')).toBe('deploy of ledger v42 recorded at 2026-12-01T10:00:00.000Z');
  });

  it("prints the backend's refusal and exits 2", async () => {
    const b = await backend(403, { error: { name: 'NotAllowedError', message: 'may not edit' } });
    const io = capture();
    const code = await run(['incidents', 'deploy', '--backend', b.url, '--service', 'ledger'], io);
    await b.close();
    expect(code).toBe(2);
    expect(io.stderr.join('')).toBe(`error: ${b.url}/api/headroom/deploys: HTTP 403: may not edit`);
    expect(b.seen[0]!.body).toEqual({ service: 'ledger' });
  });

  it('refuses a bad time before sending anything', async () => {
    const io = capture();
    const code = await run(
      ['incidents', 'deploy', '--backend', 'http://127.0.0.1:9', '--service', 'x', '--at', 'noon'],
      io,
    );
    expect(code).toBe(2);
    expect(io.stderr.join('')).toMatch(/--at: "noon" is not a time/);
  });
});
