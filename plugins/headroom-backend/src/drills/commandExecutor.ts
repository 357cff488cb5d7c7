import { execFile } from 'node:child_process';
import {
  dependantImpact,
  parseRfc3339,
  prepareSeries,
  type DependantImpact,
  type Drill,
  type DrillRunRecord,
} from '@headroom/core';
import { fetchCounterSamples, type PrometheusClient } from '@headroom/prometheus';
import type { SloStore } from '../database/types';
import type { DrillExecutor } from './scheduler';
import type { DrillEntity, DrillRunInput, DrillService } from './service';

/** Sample step of the dependants' counters read after a run, as the demo scrapes (15 s). */
const STEP = 15;

/**
 * Runs a drill with the `headroom drill run` command (the same runner as on a terminal: the
 * simulator's fault API and Prometheus), then reads the SLOs of the catalog's dependants of each
 * fault target over the fault's span, to see whether the fault spread.
 */
export class CommandDrillExecutor implements DrillExecutor {
  constructor(
    private readonly options: {
      command: string[];
      simulatorUrl: string;
      prometheusUrl: string;
      prometheus: PrometheusClient;
      slos: SloStore;
      service: DrillService;
      timeoutSeconds?: number;
    },
  ) {}

  async run(
    drill: Drill,
    context: { entity: DrillEntity; drillsFile: string },
  ): Promise<DrillRunInput> {
    const slo = (await this.options.slos.listByEntity(context.entity.entityRef)).find(
      s => s.name === drill.slo,
    );
    const sloFile = slo?.origin === 'file' ? slo.sourceLocation : null;
    if (!sloFile || /^https?:/i.test(sloFile)) {
      throw new Error(`the SLO "${drill.slo}" has no local file to give the runner`);
    }
    const [bin, ...pre] = this.options.command;
    const args = [
      ...pre,
      'drill',
      'run',
      context.drillsFile,
      '--name',
      drill.name,
      '--slo',
      sloFile,
      '--simulator',
      this.options.simulatorUrl,
      '--prometheus',
      this.options.prometheusUrl,
      '--format',
      'json',
    ];
    const record = await new Promise<DrillRunRecord>((resolve, reject) => {
      execFile(
        bin!,
        args,
        { timeout: (this.options.timeoutSeconds ?? 7200) * 1000, maxBuffer: 4 << 20 },
        (error, stdout, stderr) => {
          // Exit 1 is a drill that did not pass: its record is still on stdout.
          try {
            resolve(JSON.parse(stdout) as DrillRunRecord);
          } catch {
            reject(new Error(`${bin} drill run: ${error?.message ?? ''} ${stderr.trim()}`.trim()));
          }
        },
      );
    });
    return {
      entityRef: context.entity.entityRef,
      record,
      faults: drill.faults.map(f => ({ type: f.type, target: f.target, weight: f.weight })),
      alertSeverity: drill.expect.alert?.severity ?? null,
      dependants: await this.dependants(drill, record),
    };
  }

  /** Each dependant SLO's burn over the fault against the span before it (core's rule). */
  private async dependants(drill: Drill, record: DrillRunRecord): Promise<DependantImpact[]> {
    const from = record.faultStartedAt ? parseRfc3339(record.faultStartedAt) : undefined;
    const to = record.faultEndedAt ? parseRfc3339(record.faultEndedAt) : undefined;
    if (from === undefined || to === undefined || !(to > from)) return [];
    const targets = new Set(drill.faults.map(f => f.target));
    const term = drill.steadyState.find(t => t.kind === 'burnRate');
    const below = term?.kind === 'burnRate' ? term.below : 1;
    const out: DependantImpact[] = [];
    for (const e of await this.options.service.entities()) {
      if (!e.node.dependsOn.some(d => targets.has(d))) continue;
      for (const s of await this.options.slos.listByEntity(e.entityRef)) {
        // The fault's span and the same span before it, which the impact compares.
        const start = Math.floor((2 * from - to) / STEP) * STEP - STEP;
        const end = Math.ceil(to / STEP) * STEP;
        const samples = await fetchCounterSamples(
          this.options.prometheus,
          s.definition,
          start,
          end,
          STEP,
        );
        out.push(dependantImpact(s.definition, prepareSeries(samples), from, to, below));
      }
    }
    return out;
  }
}
