import { servedAt } from './listening-address';

describe(servedAt.name, () => {
  it('gives PUBLIC_URL alone when the process listens there', () => {
    expect(servedAt({ host: '0.0.0.0', publicUrl: 'http://localhost:3000' }, 3000)).toBe('http://localhost:3000');
    expect(servedAt({ host: '127.0.0.1', publicUrl: 'http://127.0.0.1:8080' }, 8080)).toBe('http://127.0.0.1:8080');
  });

  it('adds the address the process listens on behind a proxy', () => {
    expect(servedAt({ host: '0.0.0.0', publicUrl: 'https://summit.example.org' }, 3000)).toBe('https://summit.example.org (listening on http://localhost:3000)');
  });

  it('names the one address HOST names', () => {
    expect(servedAt({ host: '::1', publicUrl: 'http://localhost:3000' }, 3000)).toBe('http://localhost:3000 (listening on http://[::1]:3000)');
  });

  it('names the port chosen at start when it is not the one PUBLIC_URL names', () => {
    expect(servedAt({ host: '127.0.0.1', publicUrl: 'http://localhost:3000' }, 41_234)).toBe('http://localhost:3000 (listening on http://127.0.0.1:41234)');
  });
});
