import { addressIn, listedAddresses, readInvitationList } from './invitation-list';

describe(readInvitationList.name, () => {
  it('reads one address per line, lower-cased, numbering the lines', () => {
    expect(readInvitationList('Ada@Example.org\n\ngrace@example.org\r\n')).toEqual([
      { line: 1, input: 'Ada@Example.org', email: 'ada@example.org' },
      { line: 3, input: 'grace@example.org', email: 'grace@example.org' },
    ]);
  });

  it('finds the address among the columns of a spreadsheet, whatever the separator', () => {
    expect(readInvitationList('Ada Lovelace\tada@example.org\tSherpa\nHopper; grace@example.org').map((a) => a.email)).toEqual([
      'ada@example.org',
      'grace@example.org',
    ]);
  });

  it('skips a first line that names the columns', () => {
    expect(readInvitationList('Name,E-mail\n"Lovelace, Ada",ada@example.org')).toEqual([{ line: 2, input: 'ada@example.org', email: 'ada@example.org' }]);
    expect(readInvitationList('nom;courriel\nada@example.org')).toHaveLength(1);
  });

  it('reports a line without any address as invalid, a header only when it comes first', () => {
    expect(readInvitationList('ada@example.org\nemail\nGrace Hopper')).toEqual([
      { line: 1, input: 'ada@example.org', email: 'ada@example.org' },
      { line: 2, input: 'email', email: null },
      { line: 3, input: 'Grace Hopper', email: null },
    ]);
  });

  it('reads the addresses a mail program copies, several to a line', () => {
    expect(readInvitationList('Ada Lovelace <ada@example.org>, "Hopper, Grace" <grace@example.org>').map((a) => a.email)).toEqual([
      'ada@example.org',
      'grace@example.org',
    ]);
    expect(readInvitationList('ada@example.org grace@example.org').map((a) => a.email)).toEqual(['ada@example.org', 'grace@example.org']);
  });

  it('reports a field with an @ that is not an address as invalid', () => {
    expect(readInvitationList('ada@\n@example.org\nada@@example.org')).toEqual([
      { line: 1, input: 'ada@', email: null },
      { line: 2, input: '@example.org', email: null },
      { line: 3, input: 'ada@@example.org', email: null },
    ]);
  });

  it('keeps quotes inside quoted fields and ignores a byte-order mark', () => {
    expect(readInvitationList('\uFEFF"Ada ""the Countess"" Lovelace",ada@example.org')).toEqual([{ line: 1, input: 'ada@example.org', email: 'ada@example.org' }]);
  });
});

describe(listedAddresses.name, () => {
  it('numbers the items of an array and reports those that are not addresses', () => {
    expect(listedAddresses([' Ada@example.org ', 'not an address'])).toEqual([
      { line: 1, input: 'Ada@example.org', email: 'ada@example.org' },
      { line: 2, input: 'not an address', email: null },
    ]);
  });
});

describe(addressIn.name, () => {
  it('reads plain, angled and mailto: addresses', () => {
    expect(addressIn('ada@example.org')).toBe('ada@example.org');
    expect(addressIn('Ada <ADA@example.org>')).toBe('ada@example.org');
    expect(addressIn('mailto:ada@example.org')).toBe('ada@example.org');
  });

  it('refuses an address whose parts are longer than mail allows', () => {
    expect(addressIn(`${'a'.repeat(65)}@example.org`)).toBeNull();
  });
});
