/**
 * FOCUS import throughput: a generated export (default 10 million rows, FOCUS 1.0 columns, 4
 * accounts in 3 currencies, 2 months) streamed through readFocus → normalise → attribute
 * (shared support split by usage, then the service tag) → aggregate → reconcile, in a child
 * process so its peak RSS (VmHWM, worker threads included) is the import's alone. DuckDB
 * aggregates the same file in the same run (`@duckdb/node-api`, another child). See
 * bench/cost/README.md.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatMoney, reconcileCosts, type CostEntity } from '@headroom/core';
import { DEFAULT_IMPORT_WORKERS, importFocus, writeFocusFile } from '@headroom/cost';

const ROWS = Number(process.env.BENCH_COST_ROWS ?? 10_000_000);
const FILE = process.env.BENCH_COST_FILE ?? join(tmpdir(), `headroom-focus-${ROWS}.csv`);
const SERVICES = 40;
/** Worker threads for the CSV import (unset: the importer's default, the available cores up to 4). */
const WORKERS = process.env.BENCH_COST_WORKERS ? Number(process.env.BENCH_COST_WORKERS) : undefined;

function peakRssMb(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : process.memoryUsage().rss / 1048576;
}

/** 36 of the 40 tagged services are catalog entities; the other 4 stay unallocated. */
function entities(): CostEntity[] {
  return Array.from({ length: SERVICES - 4 }, (_, i) => ({
    ref: `component:default/svc-${String(i).padStart(3, '0')}`,
    owner: `group:default/team-${i % 7}`,
    lineOfBusiness: i % 2 ? 'retail' : 'finance',
  }));
}

function headerOf(file: string): string[] {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return buf.toString('utf8', 0, n).split(/\r?\n/)[0]!.split(',');
  } finally {
    closeSync(fd);
  }
}

/** With BENCH_COST_PARQUET=1: the same rows as Parquet, written by DuckDB, imported the same way. */
const PARQUET = process.env.BENCH_COST_PARQUET === '1';
const PARQUET_FILE = FILE.replace(/\.csv$/, '') + '.parquet';

async function writeParquet(): Promise<void> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const quoted = (s: string) => `'${s.replace(/'/g, "''")}'`;
  const columns = headerOf(FILE).map(h => `${quoted(h)}: ${quoted(DUCKDB_TYPES[h] ?? 'VARCHAR')}`);
  await connection.run(
    `COPY (SELECT * FROM read_csv(${quoted(FILE)}, header = true, quote = '"', escape = '"',
                                  auto_detect = false, columns = {${columns.join(', ')}}))
     TO ${quoted(PARQUET_FILE)} (FORMAT parquet)`,
  );
  console.log(JSON.stringify({ written: PARQUET_FILE }));
}

async function importChild(file = FILE, workers = WORKERS): Promise<void> {
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  const result = await importFocus(file, {
    workers,
    rules: [
      {
        id: 'support',
        type: 'shared',
        match: { serviceName: 'AWS Support*' },
        split: { by: 'usage' },
      },
      { id: 'service', type: 'tag', key: 'service' },
    ],
    entities: entities(),
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(c0);
  const days = reconcileCosts(result.aggregates, 'day');
  console.log(
    JSON.stringify({
      workers: workers ?? DEFAULT_IMPORT_WORKERS,
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

/** Columns DuckDB types while reading (the rest stay VARCHAR), as Headroom checks them. */
const DUCKDB_TYPES: Record<string, string> = {
  BilledCost: 'DECIMAL(38, 12)',
  EffectiveCost: 'DECIMAL(38, 12)',
  ListCost: 'DECIMAL(38, 12)',
  ContractedCost: 'DECIMAL(38, 12)',
  BillingPeriodStart: 'TIMESTAMP',
  BillingPeriodEnd: 'TIMESTAMP',
  ChargePeriodStart: 'TIMESTAMP',
  ChargePeriodEnd: 'TIMESTAMP',
  ConsumedQuantity: 'DOUBLE',
};

/**
 * The same aggregation in SQL: rows typed on read (exact DECIMAL money, timestamps), the
 * `service` tag found under any key that trims and lower-cases to `service`, support rows
 * pooled and split over the entities in proportion to their direct cost of the same day,
 * summed by billing period, currency, UTC day and entity.
 */
function duckdbSql(file: string, header: string[]): string {
  const quoted = (s: string) => `'${s.replace(/'/g, "''")}'`;
  const columns = header.map(h => `${quoted(h)}: ${quoted(DUCKDB_TYPES[h] ?? 'VARCHAR')}`);
  const names = entities().map(e => quoted(e.ref.slice(e.ref.indexOf('/') + 1)));
  return `
CREATE TEMP TABLE direct AS
WITH rows AS (
  SELECT BillingCurrency AS currency, BillingPeriodStart AS bp, CAST(ChargePeriodStart AS DATE) AS day,
         BilledCost AS billed, EffectiveCost AS effective,
         ServiceName LIKE 'AWS Support%' AS shared,
         lower(trim(json_extract_string(Tags,
           '$."' || list_filter(json_keys(Tags), k -> lower(trim(k)) = 'service')[1] || '"'))) AS service
  FROM read_csv(${quoted(file)}, header = true, quote = '"', escape = '"', auto_detect = false,
                columns = {${columns.join(', ')}})
)
SELECT currency, bp, day, shared,
       CASE WHEN NOT shared AND service IN (${names.join(', ')}) THEN service END AS entity,
       sum(billed) AS billed, sum(effective) AS effective, count(*) AS rows
FROM rows GROUP BY ALL;
CREATE TEMP TABLE cells AS
WITH usage AS (
  SELECT currency, bp, day, entity, billed, effective,
         billed / sum(billed) OVER w AS billedShare, effective / sum(effective) OVER w AS effectiveShare
  FROM direct WHERE NOT shared AND entity IS NOT NULL AND billed > 0 AND effective > 0
  WINDOW w AS (PARTITION BY currency, bp, day)
)
SELECT currency, bp, day, entity, billed, effective FROM direct WHERE NOT shared
UNION ALL
SELECT p.currency, p.bp, p.day, u.entity, p.billed * u.billedShare, p.effective * u.effectiveShare
FROM direct p JOIN usage u USING (currency, bp, day) WHERE p.shared;`;
}

async function duckdbChild(): Promise<void> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(duckdbSql(FILE, headerOf(FILE)));
  const totals = await connection.runAndReadAll(
    `SELECT currency, CAST(sum(billed) AS VARCHAR), sum(rows)::BIGINT, count(*)::BIGINT
     FROM direct GROUP BY currency ORDER BY currency`,
  );
  const cells = await connection.runAndReadAll('SELECT count(*)::BIGINT FROM cells');
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(c0);
  const byCurrency = totals.getRows() as [string, string, bigint, bigint][];
  const rows = byCurrency.reduce((n, r) => n + Number(r[2]), 0);
  console.log(
    JSON.stringify({
      rows,
      seconds,
      rowsPerSecond: rows / seconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      peakRssMb: peakRssMb(),
      groups: byCurrency.reduce((n, r) => n + Number(r[3]), 0),
      cells: Number((cells.getRows()[0] as [bigint])[0]),
      billed: byCurrency.map(r => `${r[0]} ${r[1].replace(/\.?0+$/, '')}`),
    }),
  );
}

function runChild(mode: string): Record<string, unknown> | string {
  // A larger young generation: the import allocates short-lived strings per field. V8 flags
  // hold for every thread of the process: import threads get 32 MB semi-spaces each, so two
  // hold what one thread's 64 MB did.
  const threads = mode === '--import' ? (WORKERS ?? DEFAULT_IMPORT_WORKERS) : 1;
  const semiSpace = threads > 1 ? 32 : 64;
  const flags = (process.env.BENCH_NODE_FLAGS ?? `--max-semi-space-size=${semiSpace}`)
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
  if (mode === '--import-serial') return importChild(FILE, 1);
  if (mode === '--duckdb') return duckdbChild();
  if (mode === '--write-parquet') return writeParquet();
  if (mode === '--import-parquet') return importChild(PARQUET_FILE);
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
  console.log(
    `machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, Node ${process.version}, ` +
      `load ${loadavg()
        .map(l => l.toFixed(2))
        .join(' ')}, ${new Date().toISOString()}`,
  );
  const headroom = runChild('--import');
  console.log('headroom', JSON.stringify(headroom));
  console.log(
    `load ${loadavg()
      .map(l => l.toFixed(2))
      .join(' ')}`,
  );
  const duck = runChild('--duckdb');
  console.log('duckdb', JSON.stringify(duck));
  if (process.env.BENCH_COST_SERIAL === '1') {
    console.log(
      `load ${loadavg()
        .map(l => l.toFixed(2))
        .join(' ')}`,
    );
    console.log('headroom-serial', JSON.stringify(runChild('--import-serial')));
  }
  if (PARQUET) {
    if (!existsSync(PARQUET_FILE)) {
      const t0 = Date.now();
      const w = runChild('--write-parquet');
      if (typeof w === 'string') throw new Error(w);
      console.log(`DuckDB wrote ${PARQUET_FILE} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }
    console.log(`parquet ${(statSync(PARQUET_FILE).size / 1e9).toFixed(2)} GB`);
    console.log('headroom-parquet', JSON.stringify(runChild('--import-parquet')));
  }
  console.log(
    `load ${loadavg()
      .map(l => l.toFixed(2))
      .join(' ')}`,
  );
  if (typeof headroom === 'object' && typeof duck === 'object') {
    const same = JSON.stringify(headroom.billed) === JSON.stringify(duck.billed);
    console.log(
      `headroom/duckdb wall time: ${((headroom.seconds as number) / (duck.seconds as number)).toFixed(2)}×, ` +
        `CPU time: ${((headroom.cpuSeconds as number) / (duck.cpuSeconds as number)).toFixed(2)}×; ` +
        `billed totals per currency ${same ? 'equal' : 'DIFFER'}`,
    );
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
