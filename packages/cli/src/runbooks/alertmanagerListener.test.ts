import { listenForAlertmanager, type AlertmanagerListener } from './alertmanagerListener';

const T = 1_796_000_000;
const iso = (t: number) => new Date(t * 1000).toISOString().replace('.000Z', 'Z');

/** A webhook v4 notification as Alertmanager sends it. */
const notification = (status: 'firing' | 'resolved', fingerprint = 'a1b2c3d4e5f60001') => ({
  receiver: 'runbooks',
  status,
  alerts: [
    {
      status,
      labels: {
        alertname: 'WalletApiAvailability',
        sloth_service: 'wallet-api',
        sloth_severity: 'page',
      },
      annotations: { summary: 'burn' },
      startsAt: iso(T),
      endsAt: status === 'firing' ? '0001-01-01T00:00:00Z' : iso(T + 300),
      generatorURL: 'http://127.0.0.1:9090/graph',
      fingerprint,
    },
  ],
  groupLabels: {},
  commonLabels: {},
  commonAnnotations: {},
  externalURL: 'http://127.0.0.1:9093',
  version: '4',
  groupKey: '{}:{}',
  truncatedAlerts: 0,
});

describe('listenForAlertmanager', () => {
  let listener: AlertmanagerListener;
  const post = (body: unknown, token = 's3cret') =>
    fetch(listener.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  beforeAll(async () => {
    listener = await listenForAlertmanager('127.0.0.1:0', 's3cret');
  });
  afterAll(() => listener.close());

  it('keeps firing alerts by fingerprint until resolved, with their start as activeAt', async () => {
    expect((await post(notification('firing'))).status).toBe(200);
    expect(await (await post(notification('firing'))).json()).toEqual({ alerts: 1 });
    expect(listener.alerts()).toEqual([
      {
        labels: {
          alertname: 'WalletApiAvailability',
          sloth_service: 'wallet-api',
          sloth_severity: 'page',
        },
        annotations: { summary: 'burn' },
        state: 'firing',
        activeAt: iso(T),
        value: 1,
      },
    ]);
    await post(notification('resolved'));
    expect(listener.alerts()).toEqual([]);
  });

  it('refuses a wrong token and a bad body naming the field, and keeps nothing of them', async () => {
    expect((await post(notification('firing', 'ffff000000000001'), 'nope')).status).toBe(401);
    const bad = await post({ ...notification('firing'), version: '3' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'version: must be "4", got "3"' });
    expect((await post('{')).status).toBe(400);
    expect(listener.alerts()).toEqual([]);
  });

  it('refuses an address that is not host:port', async () => {
    await expect(listenForAlertmanager('somewhere', undefined)).rejects.toThrow(
      '--alertmanager-listen: "somewhere" is not host:port',
    );
  });
});
