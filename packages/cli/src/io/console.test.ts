import { colours, wantsColour } from './console';

describe('colours follow the console, not the CI environment', () => {
  it('writes plain text unless the console asks for colours', () => {
    expect(colours({}).red('DENY')).toBe('DENY');
    expect(colours({ colour: false }).bold('x')).toBe('x');
    expect(colours({ colour: true }).red('DENY')).toBe('\u001b[31mDENY\u001b[39m');
  });

  it('colours a terminal, not a pipe, and ignores a CI variable', () => {
    expect(wantsColour({}, true)).toBe(true);
    expect(wantsColour({}, false)).toBe(false);
    expect(wantsColour({ CI: 'true' }, false)).toBe(false);
    expect(wantsColour({ TERM: 'dumb' }, true)).toBe(false);
  });

  it('lets NO_COLOR switch colours off and FORCE_COLOR switch them on', () => {
    expect(wantsColour({ NO_COLOR: '1' }, true)).toBe(false);
    expect(wantsColour({ NO_COLOR: '1', FORCE_COLOR: '1' }, false)).toBe(false);
    expect(wantsColour({ FORCE_COLOR: '1' }, false)).toBe(true);
    expect(wantsColour({ FORCE_COLOR: '0' }, true)).toBe(false);
  });
});
