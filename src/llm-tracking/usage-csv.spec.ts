import { toCsv } from './usage-csv';

describe('toCsv', () => {
  it('writes a header and one CRLF-ended line per row, empty for null', () => {
    expect(toCsv(['model', 'requests', 'cost'], [['gpt-4o-mini', 2, '0.0005253'], ['unknown', 1, null]])).toBe(
      'model,requests,cost\r\ngpt-4o-mini,2,0.0005253\r\nunknown,1,\r\n',
    );
  });

  it('quotes commas, quotes and line breaks, doubling quotes', () => {
    expect(toCsv(['key'], [['a,b'], ['say "hi"'], ['two\nlines'], ['plain']])).toBe('key\r\n"a,b"\r\n"say ""hi"""\r\n"two\nlines"\r\nplain\r\n');
  });

  it('defuses cells a spreadsheet would evaluate as formulas', () => {
    expect(toCsv(['owner'], [['=HYPERLINK("x")'], ['user:alice']])).toBe('owner\r\n"\'=HYPERLINK(""x"")"\r\nuser:alice\r\n');
  });
});
