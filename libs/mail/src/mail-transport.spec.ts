import { ConsoleMailTransport } from './mail-transport';

describe(ConsoleMailTransport.name, () => {
  let printed: string[];
  let sut: ConsoleMailTransport;

  beforeEach(() => {
    printed = [];
    sut = new ConsoleMailTransport(false, (text) => printed.push(text));
  });

  it('prints a subject carrying CR LF on its own line, escaped, so that it forges no log line', async () => {
    await sut.deliver({ to: 'delegate@example.org', subject: 'Rescheduled: Opening\r\n[Nest] 1 - ERROR [Auth] forged', text: 'The session moved.' });

    const lines = printed.join('').split('\n');
    expect(lines).toContain('Subject: Rescheduled: Opening\\r\\n[Nest] 1 - ERROR [Auth] forged');
    expect(lines.some((line) => line.startsWith('[Nest]'))).toBe(false);
  });

  it('escapes the recipient too, and keeps the line breaks of the text', async () => {
    await sut.deliver({ to: 'a@example.org\nTo: b@example.org', subject: 'Hello', text: 'Line one\nLine two\u001b[2J' });

    expect(printed.join('')).toBe('\n--- mail ---\nTo: a@example.org\\nTo: b@example.org\nSubject: Hello\n\nLine one\nLine two\\u001b[2J\n------------\n');
  });

  it('prints nothing when quiet', async () => {
    await new ConsoleMailTransport(true, (text) => printed.push(text)).deliver({ to: 'a@example.org', subject: 'Hello', text: 'Hi' });
    expect(printed).toEqual([]);
  });
});
