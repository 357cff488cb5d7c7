import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { formatRfc3339, parseAlertmanagerPayload, PayloadError } from '@headroom/core';
import type { AlertInfo } from '@headroom/prometheus';
import { InputError } from '../errors';

/** Notification bodies are a few kilobytes per alert; Alertmanager truncates beyond its limit. */
const MAX_BODY_BYTES = 1024 * 1024;

export interface AlertmanagerListener {
  url: string;
  /** Alerts firing now, as the last notification for each fingerprint said. */
  alerts(): AlertInfo[];
  close(): Promise<void>;
}

/**
 * An Alertmanager webhook receiver (payload version 4) for the runbook executor: a receiver
 * beside the backend's (a route with `continue: true`), so a page triggers the runbook without
 * waiting for a poll of Prometheus. A bad body is a 400 naming the field, and changes nothing.
 */
export async function listenForAlertmanager(
  address: string,
  token: string | undefined,
): Promise<AlertmanagerListener> {
  const m = /^(\d{1,3}(?:\.\d{1,3}){3}|localhost):(\d{1,5})$/.exec(address);
  if (!m) throw new InputError(`--alertmanager-listen: "${address}" is not host:port`);
  const firing = new Map<string, AlertInfo>();
  const server: Server = createServer((req, res) => {
    const reply = (status: number, body: unknown) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (req.method !== 'POST') return reply(405, { error: 'POST an Alertmanager notification' });
    if (token !== undefined && req.headers.authorization !== `Bearer ${token}`) {
      return reply(401, { error: 'the bearer token of the webhook receiver is required' });
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY_BYTES) chunks.push(c);
    });
    req.on('end', () => {
      if (size > MAX_BODY_BYTES) return reply(413, { error: `body over ${MAX_BODY_BYTES} bytes` });
      try {
        const payload = parseAlertmanagerPayload(
          JSON.parse(Buffer.concat(chunks).toString('utf8')),
        );
        for (const a of payload.alerts) {
          if (a.status === 'resolved') firing.delete(a.fingerprint);
          else {
            firing.set(a.fingerprint, {
              labels: a.labels,
              annotations: a.annotations,
              state: 'firing',
              activeAt: formatRfc3339(a.startsAt),
              value: 1,
            });
          }
        }
        reply(200, { alerts: payload.alerts.length });
      } catch (e) {
        const message = e instanceof PayloadError ? e.message : `not JSON: ${(e as Error).message}`;
        reply(400, { error: message });
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(Number(m[2]), m[1], resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${m[1]}:${port}/`,
    alerts: () => [...firing.values()],
    close: () => new Promise(resolve => server.close(() => resolve())),
  };
}
