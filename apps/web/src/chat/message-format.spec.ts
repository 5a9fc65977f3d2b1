import { messageHtml } from './message-format';

describe('messageHtml', () => {
  it('writes the formatting subset: bold, italics, code, lists and links', () => {
    expect(messageHtml('**Agreed** by *all* delegations')).toBe('<p><strong>Agreed</strong> by <em>all</em> delegations</p>\n');
    expect(messageHtml('Run `npm test` first')).toBe('<p>Run <code>npm test</code> first</p>\n');
    expect(messageHtml('- France\n- New Zealand')).toBe('<ul>\n<li>France</li>\n<li>New Zealand</li>\n</ul>\n');
    expect(messageHtml('1. Opening\n2. Statements')).toBe('<ol>\n<li>Opening</li>\n<li>Statements</li>\n</ol>\n');
    expect(messageHtml('```\nline one\n  line two\n```')).toBe('<pre><code>line one\n  line two\n</code></pre>\n');
  });

  it('makes written-out and named links clickable, opening apart and telling the other site nothing', () => {
    const rel = 'target="_blank" rel="noopener noreferrer nofollow ugc"';
    expect(messageHtml('Agenda: https://summit.example.org/agenda')).toBe(`<p>Agenda: <a href="https://summit.example.org/agenda" ${rel}>https://summit.example.org/agenda</a></p>\n`);
    expect(messageHtml('[the draft](https://summit.example.org/draft)')).toBe(`<p><a href="https://summit.example.org/draft" ${rel}>the draft</a></p>\n`);
    expect(messageHtml('Write to protocol@summit.example.org')).toContain(`<a href="mailto:protocol@summit.example.org" ${rel}>`);
  });

  it('keeps line breaks as typed', () => {
    expect(messageHtml('First line\nsecond line')).toBe('<p>First line<br>\nsecond line</p>\n');
  });

  it('shows HTML typed in a message as text', () => {
    expect(messageHtml('<script>alert(1)</script>')).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n');
    expect(messageHtml('<img src=x onerror=alert(1)> <b>bold?</b>')).toBe('<p>&lt;img src=x onerror=alert(1)&gt; &lt;b&gt;bold?&lt;/b&gt;</p>\n');
  });

  it('links to no other scheme than https, http and mailto', () => {
    for (const body of ['[click](javascript:alert(1))', '[click](JAVASCRIPT:alert(1))', '[data](data:text/html;base64,PHNjcmlwdD4=)', '<javascript:alert(1)>', 'javascript:alert(1)', '[file](file:///etc/passwd)']) {
      expect(messageHtml(body)).not.toContain('<a ');
    }
    expect(messageHtml('[click](javascript:alert(1))')).toBe('<p>[click](javascript:alert(1))</p>\n');
  });

  it('leaves other markup alone: headings, quotes, tables and images stay text', () => {
    expect(messageHtml('# Not a heading')).toBe('<p># Not a heading</p>\n');
    expect(messageHtml('> not a quote')).toBe('<p>&gt; not a quote</p>\n');
    expect(messageHtml('![a picture](https://summit.example.org/p.png)')).not.toContain('<img');
  });
});
