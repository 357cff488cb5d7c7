import { parseCommand } from './cli';

const clock = () => 1795598195.5;

describe('command line', () => {
  it('reads history options and rounds the anchor down to its minute', () => {
    expect(
      parseCommand(['history', '--days', '3', '--out', 'h.om', '--now=1795598219'], clock),
    ).toEqual({
      kind: 'history',
      out: 'h.om',
      days: 3,
      step: 60,
      now: 1795598160,
      from: undefined,
      to: undefined,
      seed: 20260101,
    });
  });

  it('defaults serve to loopback, port 9464 and the current minute', () => {
    expect(parseCommand(['serve'], clock)).toEqual({
      kind: 'serve',
      host: '127.0.0.1',
      port: 9464,
      now: 1795598160,
      seed: 20260101,
    });
  });

  it('names the option that is wrong', () => {
    expect(() => parseCommand(['history', '--days', '3'], clock)).toThrow(
      'history needs --out <file>',
    );
    expect(() => parseCommand(['history', '--out', 'x', '--days', 'two'], clock)).toThrow(
      'option --days must be an integer >= 1, got "two"',
    );
    expect(() => parseCommand(['serve', '--port', '70000'], clock)).toThrow(
      '--port must be at most 65535',
    );
    expect(() => parseCommand(['serve', '--dayz', '1'], clock)).toThrow('unknown option "--dayz"');
    expect(() => parseCommand(['serve', '--port'], clock)).toThrow('option --port needs a value');
    expect(() => parseCommand(['replay'], clock)).toThrow('unknown command "replay"');
  });
});
