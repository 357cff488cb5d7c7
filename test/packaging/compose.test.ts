import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { posix, resolve } from 'node:path';
import { parse } from 'yaml';

// docker-compose.yml cannot be started here (no Docker), so its paths and ports are checked
// against what they must agree with: the files in this repository, the build commands, the
// Backstage configuration the backend reads, the Prometheus configuration and the Grafana
// provisioning.
const root = resolve(__dirname, '..', '..');
const read = (file: string) => readFileSync(resolve(root, file), 'utf8');
const readYaml = (file: string) => parse(read(file), { merge: true });

interface Service {
  image?: string;
  working_dir?: string;
  command?: string | string[];
  environment?: Record<string, string>;
  volumes?: string[];
  ports?: string[];
  expose?: string[];
  depends_on?: Record<string, { condition: string }>;
  user?: string;
}
const compose = readYaml('docker-compose.yml') as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};
const services = compose.services;
const service = (name: string): Service => {
  const found = services[name];
  if (!found) throw new Error(`docker-compose.yml has no service ${name}`);
  return found;
};
const commandOf = (name: string) => [service(name).command ?? []].flat().join(' ');
const mounts = (name: string) =>
  (service(name).volumes ?? []).map(volume => {
    const [source, target] = volume.split(':') as [string, string];
    return { source, target, bind: source.startsWith('.') };
  });
// ${NAME:-default} -> default, as compose resolves it without the variable set.
const withDefaults = (value: string) => value.replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1');
const published = (name: string) =>
  (service(name).ports ?? []).map(port => {
    const [host, hostPort, containerPort] = port.split(':');
    return { host, hostPort: Number(hostPort), containerPort: Number(containerPort) };
  });

/** Backstage's merge of config files: objects merge key by key, anything else is replaced. */
function mergeConfig(base: unknown, override: unknown): unknown {
  if (isObject(base) && isObject(override)) {
    const merged: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(override))
      merged[key] = mergeConfig(base[key], value);
    return merged;
  }
  return override === undefined ? base : override;
}
function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The Backstage config the backstage service starts with, from its --config arguments. */
function backendConfig() {
  const backstage = service('backstage');
  const args = [backstage.command ?? []].flat();
  const files = args.flatMap((arg, i) => (args[i - 1] === '--config' ? [arg] : []));
  const dir = posix.relative('/headroom', backstage.working_dir ?? '/headroom');
  expect(files.length).toBeGreaterThan(0);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return files.map(file => readYaml(posix.join(dir, file))).reduce(mergeConfig, {}) as any;
}
const portOf = (url: string) => Number(new URL(url).port || (url.startsWith('https') ? 443 : 80));

const grafanaPlugins = readdirSync(resolve(root, 'plugins')).filter(dir =>
  dir.startsWith('grafana-'),
);

describe('docker-compose.yml', () => {
  it('mounts only paths that exist here or that its build service builds', () => {
    const build = commandOf('build');
    for (const [name, svc] of Object.entries(services)) {
      for (const { source, bind } of mounts(name)) {
        if (!bind) {
          expect([name, source, source in compose.volumes]).toEqual([name, source, true]);
          continue;
        }
        const dist = /^\.\/plugins\/([^/]+)\/dist$/.exec(source);
        if (dist) {
          const pkg = JSON.parse(read(`plugins/${dist[1]}/package.json`)).name;
          expect(build).toContain(`scripts/yarn workspace ${pkg} build`);
        } else {
          expect([name, source, existsSync(resolve(root, source))]).toEqual([name, source, true]);
        }
      }
      if (svc.depends_on?.build)
        expect(svc.depends_on.build.condition).toBe('service_completed_successfully');
    }
    expect(build).toMatch(/^sh -c scripts\/setup\.sh && /);
    expect(build).toContain(
      'cd packages/app && ../../node_modules/.bin/backstage-cli package build',
    );
  });

  it('gives Grafana every Headroom plugin under its plugin.json id, and allows exactly those unsigned', () => {
    const pluginMounts = mounts('grafana').filter(m =>
      m.target.startsWith('/var/lib/grafana/plugins/'),
    );
    const expected = grafanaPlugins.map(dir => ({
      source: `./plugins/${dir}/dist`,
      target: `/var/lib/grafana/plugins/${JSON.parse(read(`plugins/${dir}/src/plugin.json`)).id}`,
    }));
    expect(pluginMounts.map(({ source, target }) => ({ source, target })).sort(byTarget)).toEqual(
      expected.sort(byTarget),
    );
    const allowed =
      service('grafana').environment!.GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS!.split(',');
    expect(allowed.sort()).toEqual(expected.map(m => posix.basename(m.target)).sort());
  });

  it("points Grafana's provisioning at the compose Prometheus and backend", () => {
    const environment = service('grafana').environment!;
    const provisioning = mounts('grafana').find(m => m.source === './provisioning')!;
    expect(provisioning.target).toBe('/etc/grafana/provisioning');
    const prometheus = readYaml('provisioning/datasources/prometheus.yaml').datasources[0];
    const prometheusUrl = new URL(prometheus.url);
    expect(services[prometheusUrl.hostname]?.image).toMatch(/^prom\/prometheus:/);
    expect(Number(prometheusUrl.port)).toBe(prometheusPort());

    const headroom = readYaml('provisioning/datasources/headroom.yaml').datasources[0];
    expect(headroom.jsonData.backendUrl).toBe('${HEADROOM_BACKEND_URL}');
    const backendUrl = new URL(withDefaults(environment.HEADROOM_BACKEND_URL!));
    expect(backendUrl.hostname).toBe('backstage');
    const config = backendConfig();
    expect(Number(backendUrl.port)).toBe(config.backend.listen.port);
    expect(config.backend.listen.host).toBe('0.0.0.0');
    const tokens = config.backend.auth.externalAccess.map(
      (a: { options: { token: string } }) => a.options.token,
    );
    expect(tokens).toContain(withDefaults(environment.HEADROOM_BACKEND_TOKEN!));

    const dashboards = readYaml('provisioning/dashboards/headroom.yaml').providers[0].options.path;
    expect(dashboards.startsWith(provisioning.target)).toBe(true);
    const home = environment.GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH!;
    expect(
      existsSync(resolve(root, 'provisioning', posix.relative(provisioning.target, home))),
    ).toBe(true);
  });

  it('publishes the app, backend, Prometheus and Grafana on loopback, on the ports the configuration names', () => {
    for (const name of Object.keys(services)) {
      for (const port of published(name)) expect([name, port.host]).toEqual([name, '127.0.0.1']);
    }
    const config = backendConfig();
    const [backend] = published('backstage');
    expect(backend!.hostPort).toBe(portOf(config.backend.baseUrl));
    expect(backend!.containerPort).toBe(config.backend.listen.port);
    const [app] = published('app');
    expect(app!.hostPort).toBe(portOf(config.app.baseUrl));
    expect(config.backend.cors.origin).toBe(config.app.baseUrl);
    // serve.js <host> <port>, as scripts/start-app.sh runs it.
    expect(read('scripts/start-app.sh')).toContain(
      'node packages/app/scripts/serve.js 127.0.0.1 "$port"',
    );
    expect(service('app').command).toEqual([
      'node',
      'packages/app/scripts/serve.js',
      '0.0.0.0',
      String(app!.containerPort),
    ]);
    const [prometheus] = published('prometheus');
    expect(prometheus!.containerPort).toBe(prometheusPort());
    const [grafana] = published('grafana');
    expect(grafana!.containerPort).toBe(3000);
    expect(
      new Set([backend!.hostPort, app!.hostPort, prometheus!.hostPort, grafana!.hostPort]).size,
    ).toBe(4);
  });

  it("feeds Prometheus the simulator, the demo catalog's rules and the whole history", () => {
    const prometheusConfig = readYaml('dev-env/docker/prometheus.yml');
    const [target] = prometheusConfig.scrape_configs[0].static_configs[0].targets as string[];
    const [host, port] = target!.split(':');
    expect(host).toBe('simulator');
    expect(commandOf('simulator')).toContain(`serve --host 0.0.0.0 --port ${port}`);
    expect(service('simulator').expose).toEqual([port]);

    // rule_files -> the rules volume as Prometheus mounts it -> the file the rules service writes.
    const ruleGlob: string = prometheusConfig.rule_files[0];
    const inPrometheus = mounts('prometheus').find(m => m.source === 'rules')!;
    expect(posix.dirname(ruleGlob)).toBe(inPrometheus.target.replace(/:ro$/, ''));
    const inRules = mounts('rules').find(m => m.source === 'rules')!;
    const written = /-o (\S+)/.exec(commandOf('rules'))![1]!;
    expect(posix.dirname(written)).toBe(inRules.target);
    expect(posix.extname(written)).toBe(posix.extname(ruleGlob));
    expect(commandOf('rules')).toContain('dev-env/catalog/services/*/slos.yaml');
    expect(read('scripts/demo.sh')).toContain('headroom rules "${slos[@]}"');
    expect(read('scripts/demo.sh')).toContain('slos=(dev-env/catalog/services/*/slos.yaml)');

    // The history the backfill writes must outlive Prometheus's retention check.
    const days = Number(/history --step \d+ --days (\d+)/.exec(commandOf('history'))![1]);
    const retention = /--storage\.tsdb\.retention\.time=(\d+)d/.exec(commandOf('prometheus'))![1];
    expect(Number(retention)).toBeGreaterThan(days);
    expect(commandOf('backfill')).toContain('promtool tsdb create-blocks-from openmetrics');
    expect(commandOf('backfill')).toContain('/demo/history.om /prometheus');
    // Blocks written as root must be handed to the user the Prometheus image runs as.
    expect(commandOf('backfill')).toContain('chown -R 65534:65534 /prometheus');
    expect(service('prometheus').user).toBeUndefined();
    expect(commandOf('history')).toContain('--out /demo/history.om');
    // The live simulator continues the history from the same anchor.
    expect(commandOf('history')).toContain('> /demo/anchor');
    expect(commandOf('simulator')).toContain('--now $$(cat /demo/anchor)');
    for (const name of ['prometheus', 'backfill']) {
      expect(mounts(name).find(m => m.source === 'prometheus-data')!.target).toBe('/prometheus');
    }
  });

  it("gives the backend the compose PostgreSQL, Prometheus and the history's bill", () => {
    const config = backendConfig();
    const postgres = service('postgres').environment!;
    expect(config.backend.database).toMatchObject({
      client: 'pg',
      connection: {
        host: 'postgres',
        user: postgres.POSTGRES_USER,
        password: postgres.POSTGRES_PASSWORD,
      },
    });
    expect(service('backstage').depends_on!.postgres!.condition).toBe('service_healthy');
    expect(new URL(config.headroom.prometheus.baseUrl).hostname).toBe('prometheus');
    const [source] = config.headroom.cost.sources;
    const bill = /dev-env\/cost\/dist\/bin\.js --out (\S+)/.exec(commandOf('history'))![1];
    expect(source.location).toBe(bill);
    expect(mounts('backstage').find(m => m.source === 'demo')!.target).toBe(posix.dirname(bill!));
    // The demo catalog, relative to the backend's working directory as the config says.
    const dir = posix.relative('/headroom', service('backstage').working_dir!);
    for (const location of config.catalog.locations) {
      expect(existsSync(resolve(root, dir, location.target))).toBe(true);
    }
  });
});

function prometheusPort(): number {
  const listen = /--web\.listen-address=\S*:(\d+)/.exec(commandOf('prometheus'));
  return listen ? Number(listen[1]) : 9090;
}

function byTarget(a: { target: string }, b: { target: string }) {
  return a.target.localeCompare(b.target);
}
