import { printableLine, printableText } from './printable-text';

describe(printableLine.name, () => {
  const sut = printableLine;

  it('writes line breaks as escapes, so that a subject stays on its line', () => {
    expect(sut('Rescheduled\r\n[Nest] ERROR forged line')).toBe('Rescheduled\\r\\n[Nest] ERROR forged line');
  });

  it('escapes every other control and bidirectional override', () => {
    expect(sut('a\tb\u0000c\u001b[31md\u202Ee\u2028f\u0085')).toBe('a\\tb\\u0000c\\u001b[31md\\u202ee\\u2028f\\u0085');
  });

  it('leaves text in any script as it is', () => {
    expect(sut('Invitation — Sommet de Paris — قمة باريس — 🇫🇷')).toBe('Invitation — Sommet de Paris — قمة باريس — 🇫🇷');
  });
});

describe(printableText.name, () => {
  it('keeps line breaks and tabs, writing CRLF as LF, and escapes the rest', () => {
    expect(printableText('Dear delegate,\r\n\tthe session moved.\u001b[2J\rEnd')).toBe('Dear delegate,\n\tthe session moved.\\u001b[2J\\rEnd');
  });
});
