/**
 * FOCUS import throughput: a generated export (default 10 million rows, FOCUS 1.0 columns, 4
 * accounts in 3 currencies, 2 months) streamed through readFocus → normalise → attribute
 * (shared support split by usage, then the service tag) → aggregate → reconcile, in a child
 * process so its peak RSS (VmHWM) is the import's alone. DuckDB aggregates the same file in
 * the same run when `@duckdb/node-api` is installed. See bench/README.md.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatMoney, reconcileCosts, type CostEntity } from '@headroom/core';
import { importFocus, writeFocusFile } from '@headroom/cost';

const ROWS = Number(process.env.BENCH_COST_ROWS ?? 10_000_000);
const FILE = process.env.BENCH_COST_FILE ?? join(tmpdir(), `headroom-focus-${ROWS}.csv`);
const SERVICES = 40;

function peakRssMb(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : process.memoryUsage().rss / 1048576;
}

async function importChild(): Promise<void> {
  const entities: CostEntity[] = Array.from({ length: SERVICES - 4 }, (_, i) => ({
    ref: `component:default/svc-${String(i).padStart(3, '0')}`,
    owner: `group:default/team-${i % 7}`,
    lineOfBusiness: i % 2 ? 'retail' : 'finance',
  }));
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  const result = await importFocus(FILE, {
    rules: [
      {
        id: 'support',
        type: 'shared',
        match: { serviceName: 'AWS Support*' },
        split: { by: 'usage' },
      },
      { id: 'service', type: 'tag', key: 'service' },
    ],
    entities,
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(c0);
  const days = reconcileCosts(result.aggregates, 'day');
  console.log(
    JSON.stringify({
      rows: result.totals.rows,
      badRows: result.badRows.count,
      seconds,
      rowsPerSecond: result.totals.rows / seconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      peakRssMb: peakRssMb(),
      cells: result.aggregates.cells.length,
      reconciledPeriods:
        result.reconciliation.filter(r => r.ok).length + days.filter(r => r.ok).length,
      unreconciled:
        result.reconciliation.filter(r => !r.ok).length + days.filter(r => !r.ok).length,
      billed: result.totals.byCurrency.map(c => `${c.currency} ${formatMoney(c.billed)}`),
    }),
  );
}

async function duckdbChild(): Promise<void> {
  // Loaded by name at run time: the comparison runs only where the package is installed.
  const duck = (await import('@duckdb/node-api' as string)) as {
    DuckDBInstance: {
      create(
        path: string,
      ): Promise<{
        connect(): Promise<{ runAndReadAll(sql: string): Promise<{ getRows(): unknown[][] }> }>;
      }>;
    };
  };
  const t0 = process.hrtime.bigint();
  const instance = await duck.DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const reader = await connection.runAndReadAll(
    `SELECT BillingCurrency, BillingPeriodStart, date_trunc('day', ChargePeriodStart) AS day,
            lower(trim(coalesce(json_extract_string(Tags, '$.service'), json_extract_string(Tags, '$." Service"'), json_extract_string(Tags, '$."SERVICE "')))) AS service,
            sum(CAST(BilledCost AS DECIMAL(38, 12))), sum(CAST(EffectiveCost AS DECIMAL(38, 12))), count(*)
     FROM read_csv('${FILE.replace(/'/g, "''")}', header = true, all_varchar = true)
     GROUP BY ALL`,
  );
  const groups = reader.getRows().length;
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(
    JSON.stringify({ seconds, rowsPerSecond: ROWS / seconds, groups, peakRssMb: peakRssMb() }),
  );
}

function runChild(mode: string): Record<string, unknown> | string {
  // A larger young generation: the import allocates short-lived strings per field.
  const flags = (process.env.BENCH_NODE_FLAGS ?? '--max-semi-space-size=64')
    .split(' ')
    .filter(Boolean);
  const r = spawnSync(process.execPath, [...flags, __filename, mode], {
    encoding: 'utf8',
    env: { ...process.env, BENCH_COST_FILE: FILE },
  });
  if (r.status !== 0) return (r.stderr || r.stdout).trim().split('\n').slice(-3).join(' ');
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, unknown>;
}

async function main(): Promise<void> {
  const mode = process.argv[2];
  if (mode === '--import') return importChild();
  if (mode === '--duckdb') return duckdbChild();
  if (!existsSync(FILE)) {
    const t0 = Date.now();
    const totals = await writeFocusFile(FILE, {
      rows: ROWS,
      seed: 42,
      accounts: 4,
      currencies: ['USD', 'EUR', 'JPY'],
      months: 2,
      services: SERVICES,
    });
    console.log(`generated ${totals.rows} rows in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  console.log(`file ${FILE}: ${(statSync(FILE).size / 1e9).toFixed(2)} GB, ${ROWS} rows`);
  console.log('headroom', JSON.stringify(runChild('--import')));
  let hasDuck = true;
  try {
    require.resolve('@duckdb/node-api');
  } catch {
    hasDuck = false;
  }
  console.log(
    'duckdb',
    hasDuck
      ? JSON.stringify(runChild('--duckdb'))
      : '@duckdb/node-api is not installed: no comparison',
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
