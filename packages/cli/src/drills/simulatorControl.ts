import type { DrillFault } from '@headroom/core';
import { InputError } from '../errors';

/** A fault as the simulator knows it: what to undo when the drill ends or is aborted. */
export interface PlacedFault {
  /** How to take it away: DELETE the fault, or roll the bad version back. */
  undo: { kind: 'clear'; id: string } | { kind: 'rollback'; service: string };
  service: string;
}

/**
 * The demo simulator's control API (dev-env/simulator, `/control`): puts a drill's faults in and
 * takes them out. Errors name the URL and the simulator's own message.
 */
export class SimulatorControl {
  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs = 10_000,
  ) {
    try {
      new URL(baseUrl);
    } catch {
      throw new InputError(`--simulator: "${baseUrl}" is not a URL`);
    }
  }

  async place(fault: DrillFault, drillName: string, now: number): Promise<PlacedFault> {
    if (fault.type === 'bad-deploy') {
      const version = `${drillName}-${Math.floor(now)}`;
      await this.call('POST', `/control/services/${encodeURIComponent(fault.target)}/deploy`, {
        version,
        fault: { kind: 'errors', magnitude: fault.magnitude },
      });
      return { service: fault.target, undo: { kind: 'rollback', service: fault.target } };
    }
    const kind = fault.type === 'dependency-outage' ? 'outage' : fault.type;
    const placed = (await this.call('POST', '/control/faults', {
      service: fault.target,
      kind,
      magnitude: fault.magnitude,
      durationSeconds: fault.durationSeconds,
    })) as { id: string };
    return { service: fault.target, undo: { kind: 'clear', id: placed.id } };
  }

  /** Takes a fault out; one already gone (ended by its duration or by a runbook) is fine. */
  async remove(fault: PlacedFault): Promise<void> {
    const path =
      fault.undo.kind === 'clear'
        ? `/control/faults/${encodeURIComponent(fault.undo.id)}`
        : `/control/services/${encodeURIComponent(fault.undo.service)}/rollback`;
    await this.call(fault.undo.kind === 'clear' ? 'DELETE' : 'POST', path, undefined, [409]);
  }

  /** Whether a bad version placed by the drill is still deployed (a runbook may have rolled it back). */
  async currentVersion(service: string): Promise<string> {
    const state = (await this.call('GET', '/control')) as {
      services: Record<string, { version: string }>;
    };
    const s = state.services[service];
    if (!s) throw new Error(`simulator ${this.baseUrl}: no service "${service}"`);
    return s.version;
  }

  private async call(
    method: string,
    path: string,
    body?: unknown,
    tolerated: number[] = [],
  ): Promise<unknown> {
    const url = new URL(path, this.baseUrl).toString();
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new Error(`simulator ${method} ${url}: ${(error as Error).message}`);
    }
    const text = await response.text();
    if (!response.ok && !tolerated.includes(response.status)) {
      let message = text.trim();
      try {
        message = (JSON.parse(text) as { error?: string }).error ?? message;
      } catch {
        // not JSON: keep the text
      }
      throw new Error(`simulator ${method} ${url}: ${response.status} ${message}`);
    }
    return text ? (JSON.parse(text) as unknown) : undefined;
  }
}
