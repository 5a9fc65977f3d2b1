import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { loadCatalogue, locales, translator, type Locale, type MessageKey } from '.';
import { en } from './messages/en';
import { fr } from './messages/fr';

const catalogues: Record<Locale, Record<MessageKey, string>> = { en, fr };

beforeAll(() => Promise.all(locales.map(loadCatalogue)));

/** The arguments a message takes, with the kind of each: `count:plural`, `person:argument`… */
function argumentsOf(elements: MessageFormatElement[], found = new Set<string>()): Set<string> {
  for (const element of elements) {
    switch (element.type) {
      case TYPE.argument:
        found.add(`${element.value}:argument`);
        break;
      case TYPE.number:
      case TYPE.date:
      case TYPE.time:
        found.add(`${element.value}:${TYPE[element.type]}`);
        break;
      case TYPE.plural:
      case TYPE.select:
        found.add(`${element.value}:${TYPE[element.type]}`);
        for (const option of Object.values(element.options)) argumentsOf(option.value, found);
        break;
      case TYPE.tag:
        found.add(`<${element.value}>`);
        argumentsOf(element.children, found);
        break;
      default:
        break;
    }
  }
  return found;
}

const keys = Object.keys(catalogues.en) as MessageKey[];

describe('the language catalogues', () => {
  it.each(locales)('has every message of %s written in valid ICU syntax, with no markup', (locale) => {
    for (const key of keys) {
      const message = catalogues[locale][key];
      let elements: MessageFormatElement[];
      try {
        elements = parse(message);
      } catch (error) {
        throw new Error(`${locale} ${key}: ${(error as Error).message} in ${JSON.stringify(message)}`);
      }
      expect([key, [...argumentsOf(elements)].filter((name) => name.startsWith('<'))]).toEqual([key, []]);
    }
  });

  it('gives every French message the same arguments as the English one', () => {
    const differing = keys.filter((key) => {
      const english = [...argumentsOf(parse(catalogues.en[key]))].sort();
      const french = [...argumentsOf(parse(catalogues.fr[key]))].sort();
      return english.join() !== french.join();
    });
    expect(differing).toEqual([]);
  });

  it('has no French message left in English', () => {
    // Words that read the same in both languages are few; a long identical message is a forgotten translation.
    const untranslated = keys.filter((key) => catalogues.fr[key] === catalogues.en[key] && catalogues.en[key].length > 24);
    expect(untranslated).toEqual([]);
  });
});

describe('translator', () => {
  it('puts values into their places', () => {
    expect(translator('en')('participantForm.added', { organisation: 'Ghana' })).toBe('Ghana added.');
    expect(translator('fr')('chat.typingTwo', { first: 'Ana', second: 'Jun' })).toBe('Ana et Jun écrivent…');
  });

  it('chooses the plural form of each language', () => {
    const en = translator('en');
    const fr = translator('fr');
    expect(en('chat.unread', { count: 1 })).toBe('1 unread message');
    expect(en('chat.unread', { count: 0 })).toBe('0 unread messages');
    expect(en('chat.unread', { count: 12 })).toBe('12 unread messages');
    // French takes the singular for 0 and 1.
    expect(fr('chat.unread', { count: 0 })).toBe('0 message non lu');
    expect(fr('chat.unread', { count: 2 })).toBe('2 messages non lus');
    expect(en('fairness.found', { count: 0 })).toBe('No proposal found.');
    expect(fr('fairness.found', { count: 3 })).toBe('3 propositions trouvées.');
  });

  it('writes counts in the reader’s number format', () => {
    expect(translator('en')('chat.unread', { count: 1200 })).toBe('1,200 unread messages');
    expect(translator('fr')('chat.unread', { count: 1200 })).toBe('1\u202f200 messages non lus');
  });
});

describe('loadCatalogue', () => {
  it('has English at hand and French only once fetched', async () => {
    // A fresh copy of the module, as a page starts with.
    let i18n: typeof import('.') | undefined;
    jest.isolateModules(() => {
      i18n = jest.requireActual<typeof import('.')>('.');
    });
    expect(i18n!.translator('en')('app.loading')).toBe('Loading…');
    expect(() => i18n!.intlOf('fr')).toThrow(/not loaded yet/);
    await i18n!.loadCatalogue('fr');
    expect(i18n!.translator('fr')('app.loading')).toBe('Chargement…');
  });
});
