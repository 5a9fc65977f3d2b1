import { matchesEveryWord } from './text-search';

describe(matchesEveryWord.name, () => {
  const member = ['Aroha Ngata', 'aroha@nz.example', 'New Zealand', 'Head of delegation'];

  it('finds a person by any word, in any case', () => {
    expect(matchesEveryWord('NGATA', member)).toBe(true);
    expect(matchesEveryWord('zealand head', member)).toBe(true);
  });

  it('needs every word to appear', () => {
    expect(matchesEveryWord('zealand observer', member)).toBe(false);
  });

  it('ignores accents on either side', () => {
    expect(matchesEveryWord('cote ivoire', ["Côte d'Ivoire"])).toBe(true);
    expect(matchesEveryWord('Délégué', ['Delegue'])).toBe(true);
  });

  it('matches everything with an empty or blank query', () => {
    expect(matchesEveryWord('', member)).toBe(true);
    expect(matchesEveryWord('   ', member)).toBe(true);
  });
});
