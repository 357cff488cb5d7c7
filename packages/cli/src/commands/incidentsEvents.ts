import {
  parseIncidentEvent,
  PayloadError,
  type AckEvent,
  type DeployEvent,
  type ReceivedAlert,
} from '@headroom/core';
import { InputError } from '../errors';
import { readText } from '../io/sloFiles';

export interface IncidentEvents {
  alerts: ReceivedAlert[];
  acks: AckEvent[];
  deploys: DeployEvent[];
}

/**
 * Reads a JSON Lines file of incident events (Alertmanager notifications as received, acks,
 * deploys). A bad line is an input error naming the file, the line and the field.
 */
export function readIncidentEvents(file: string): IncidentEvents {
  const events: IncidentEvents = { alerts: [], acks: [], deploys: [] };
  const lines = readText(file).split('\n');
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      throw new InputError(`${file}:${i + 1}: not JSON (${(e as Error).message})`);
    }
    try {
      const event = parseIncidentEvent(value);
      if (event.type === 'alertmanager') events.alerts.push(...event.alerts);
      else if (event.type === 'ack') events.acks.push(event.ack);
      else events.deploys.push(event.deploy);
    } catch (e) {
      if (e instanceof PayloadError) throw new InputError(`${file}:${i + 1}: ${e.message}`);
      throw e;
    }
  }
  return events;
}
