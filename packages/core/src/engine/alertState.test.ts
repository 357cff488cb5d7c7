import { alertState } from './alertState';
import type { AlertState } from './types';

function alert(severity: 'page' | 'ticket', firing: boolean): AlertState {
  return {
    severity,
    speed: 'quick',
    longWindow: '1h',
    shortWindow: '5m',
    factor: 14.4,
    longBurnRate: firing ? 20 : 0,
    shortBurnRate: firing ? 20 : 0,
    firing,
  };
}

describe('alertState', () => {
  it('is page when a page condition fires, whatever else fires', () => {
    expect(alertState({ sli: 0.9, alerts: [alert('ticket', true), alert('page', true)] })).toBe(
      'page',
    );
  });

  it('is ticket when only ticket conditions fire', () => {
    expect(alertState({ sli: 0.99, alerts: [alert('page', false), alert('ticket', true)] })).toBe(
      'ticket',
    );
  });

  it('is ok with traffic and nothing firing', () => {
    expect(alertState({ sli: 0.999, alerts: [alert('page', false), alert('ticket', false)] })).toBe(
      'ok',
    );
  });

  it('is no-data without traffic in the SLO window and nothing firing', () => {
    expect(alertState({ sli: null, alerts: [alert('page', false)] })).toBe('no-data');
    expect(alertState({ sli: null, alerts: [] })).toBe('no-data');
  });

  it('pages when the burn windows fire before a calendar window has any traffic', () => {
    // Minutes into a new month: no events since the 1st, an outage in the hour before it.
    expect(alertState({ sli: null, alerts: [alert('page', true)] })).toBe('page');
    expect(alertState({ sli: null, alerts: [alert('ticket', true)] })).toBe('ticket');
  });
});
