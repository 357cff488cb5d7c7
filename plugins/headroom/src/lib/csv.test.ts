import { csvField, toCsv } from './csv';

describe('csv', () => {
  it('quotes what needs quoting and neutralises formulas', () => {
    expect(csvField('spot')).toBe('spot');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvField(-0.5)).toBe('-0.5');
    expect(csvField(null)).toBe('');
  });

  it('writes a header and rows with CRLF line ends', () => {
    expect(
      toCsv(
        ['key', 'slos'],
        [
          ['spot', 3],
          ['custody, cold', 2],
        ],
      ),
    ).toBe('key,slos\r\nspot,3\r\n"custody, cold",2\r\n');
  });
});
