import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAlertmanagerPayload, PayloadError } from './payload';
import { formatRfc3339, parseRfc3339 } from './rfc3339';
import { webhookBody, T0 } from './test-factory';

/** The documented example body, read from the notes' §3 JSON block. */
function notesExample(): unknown {
  const notes = readFileSync(
    join(__dirname, '../../../../../shared/CHANGE-INCIDENT-NOTES.md'),
    'utf8',
  );
  const section = notes.slice(notes.indexOf('## 3. Alertmanager webhook'));
  const block = /```json\n([\s\S]*?)```/.exec(section);
  if (!block) throw new Error('no JSON example in §3 of the notes');
  return JSON.parse(block[1]!);
}

function errorOf(body: unknown): string {
  try {
    parseAlertmanagerPayload(body);
  } catch (e) {
    expect(e).toBeInstanceOf(PayloadError);
    return (e as Error).message;
  }
  throw new Error('the payload was accepted');
}

describe('RFC 3339 times', () => {
  it('reads Go nanoseconds, offsets and the zero time', () => {
    expect(parseRfc3339('2023-02-06T13:08:45.828Z')).toBeCloseTo(1675688925.828, 6);
    expect(parseRfc3339('2023-02-06T13:08:45.828123456Z')).toBeCloseTo(1675688925.828123, 6);
    expect(parseRfc3339('2023-02-06T15:08:45+02:00')).toBe(1675688925);
    expect(parseRfc3339('0001-01-01T00:00:00Z')).toBe(-62135596800);
    expect(formatRfc3339(1675688925)).toBe('2023-02-06T13:08:45Z');
  });

  it('refuses local times, dates alone and impossible dates', () => {
    for (const bad of [
      '2023-02-06T13:08:45',
      '2023-02-06',
      '2023-02-30T00:00:00Z',
      'yesterday',
      '',
    ]) {
      expect(parseRfc3339(bad)).toBeUndefined();
    }
  });
});

describe('parseAlertmanagerPayload', () => {
  it("reads the documented example: firing alert, zero end, the sender's labels", () => {
    const p = parseAlertmanagerPayload(notesExample());
    expect(p.groupKey).toBe('{}/{severity="critical"}:{alertname="ProbeFailure"}');
    expect(p.alerts).toHaveLength(1);
    expect(p.alerts[0]).toMatchObject({
      status: 'firing',
      fingerprint: '1a30ba71cca2921f',
      endsAt: null,
      labels: { alertname: 'ProbeFailure', severity: 'critical' },
    });
    expect(p.alerts[0]!.startsAt).toBeCloseTo(Date.UTC(2023, 1, 6, 13, 8, 45, 828) / 1000, 6);
  });

  it('accepts newer and older senders: notification_reason, routeLabels, no truncatedAlerts', () => {
    const alerts = [{ fingerprint: 'a1', labels: { service: 's' }, startsAt: T0 }];
    const newer = webhookBody(alerts, {
      notification_reason: 'new_alerts',
      routeLabels: { team: 'x' },
    });
    const older = webhookBody(alerts);
    delete older.truncatedAlerts;
    expect(parseAlertmanagerPayload(newer).alerts[0]!.fingerprint).toBe('a1');
    expect(parseAlertmanagerPayload(older).truncatedAlerts).toBe(0);
  });

  it('accepts truncated groups and mixed firing and resolved alerts', () => {
    const body = webhookBody(
      [
        { fingerprint: 'f1', labels: {}, startsAt: T0 },
        { fingerprint: 'f2', labels: {}, startsAt: T0, endsAt: T0 + 60 },
      ],
      { truncatedAlerts: 3 },
    );
    const p = parseAlertmanagerPayload(JSON.parse(JSON.stringify(body)));
    expect(p.truncatedAlerts).toBe(3);
    expect(p.alerts.map(a => [a.status, a.endsAt])).toEqual([
      ['firing', null],
      ['resolved', T0 + 60],
    ]);
    expect(p.alerts[0]!.generatorURL).toBe('http://127.0.0.1:9090/graph?g0.expr=x&g0.tab=1');
  });

  it('reads the escapes Go writes (\\u0026 in generatorURL) from the raw text', () => {
    const text = JSON.stringify(
      webhookBody([{ fingerprint: 'f', labels: {}, startsAt: T0 }]),
    ).replace('&', '\\u0026');
    expect(text).toContain('\\u0026');
    expect(parseAlertmanagerPayload(JSON.parse(text)).alerts[0]!.generatorURL).toContain('&g0.tab');
  });

  it('names the bad field', () => {
    const three = () =>
      webhookBody([
        { fingerprint: 'a', labels: {}, startsAt: T0 },
        { fingerprint: 'b', labels: {}, startsAt: T0 },
        { fingerprint: 'c', labels: {}, startsAt: T0 },
      ]) as { alerts: Record<string, unknown>[] } & Record<string, unknown>;
    let body = three();
    body.alerts[2]!.startsAt = '2026-11-02 10:00';
    expect(errorOf(body)).toBe('alerts[2].startsAt: must be RFC 3339, got "2026-11-02 10:00"');
    body = three();
    body.alerts[1]!.fingerprint = 7;
    expect(errorOf(body)).toBe('alerts[1].fingerprint: must be a string, got number');
    body = three();
    body.alerts[0]!.labels = { service: 3 };
    expect(errorOf(body)).toBe('alerts[0].labels.service: must be a string, got number');
    body = three();
    body.alerts[0]!.status = 'pending';
    expect(errorOf(body)).toBe('alerts[0].status: must be "firing" or "resolved", got "pending"');
    body = three();
    body.alerts[0]!.status = 'resolved';
    expect(errorOf(body)).toBe('alerts[0].endsAt: a resolved alert must have an end time');
    body = three();
    body.version = '3';
    expect(errorOf(body)).toBe('version: must be "4", got "3"');
    body = three();
    body.truncatedAlerts = -1;
    expect(errorOf(body)).toBe('truncatedAlerts: must be an integer >= 0, got number');
    body = three();
    delete body.groupKey;
    expect(errorOf(body)).toBe('groupKey: must be a string, got undefined');
    expect(errorOf([])).toBe('the body must be a JSON object, got an array');
  });
});
