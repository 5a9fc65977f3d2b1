import { plainToInstance } from 'class-transformer';
import { IsString, validate } from 'class-validator';
import { IsBoundedInt, IsEmailAddress, IsInstant, isTimeZone, IsName, IsQueryInt, IsSingleLine, IsText, MAX_STORED_INT, Optional, parseInstant, textProblem } from './validation';

/** The messages class-validator gives for `body` as an instance of `type`, after the same transformation as requests get. */
async function problems<T extends object>(type: new () => T, body: object): Promise<string[]> {
  const errors = await validate(plainToInstance(type, body), { whitelist: true, forbidNonWhitelisted: true });
  return errors.flatMap((e) => Object.values(e.constraints ?? {}));
}

async function accepted<T extends object>(type: new () => T, body: object): Promise<T> {
  const dto = plainToInstance(type, body);
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) throw new Error(`refused: ${errors.flatMap((e) => Object.values(e.constraints ?? {})).join('; ')}`);
  return dto;
}

describe(textProblem.name, () => {
  const sut = textProblem;

  it.each([
    ['CR LF', 'Opening\r\nSubject: forged'],
    ['LF', 'Opening\nplenary'],
    ['tab', 'Opening\tplenary'],
    ['NUL', 'Opening\u0000'],
    ['escape', 'Opening\u001b[31m'],
    ['DEL', 'Opening\u007f'],
    ['a C1 control', 'Opening\u0085'],
    ['the line separator', 'Opening\u2028plenary'],
  ])('refuses %s on a single line', (_name, value) => {
    expect(sut(value, 'single-line')).toBe('must be one line without control characters (no line break, tab or NUL)');
  });

  it.each([
    ['a right-to-left override', 'invoice\u202Efdp.exe'],
    ['a left-to-right embedding', 'a\u202Ab'],
    ['a first-strong isolate', 'a\u2068b\u2069'],
  ])('refuses %s on one line or several', (_name, value) => {
    expect(sut(value, 'single-line')).toBe('must not contain bidirectional override or isolate characters');
    expect(sut(value, 'multi-line')).toBe('must not contain bidirectional override or isolate characters');
  });

  it('lets multi-line text keep its line breaks and tabs, and nothing else of the kind', () => {
    expect(sut('First point\n\tsecond point', 'multi-line')).toBeNull();
    expect(sut('First point\r\nsecond', 'multi-line')).toBe('must not contain control characters other than line breaks and tabs');
    expect(sut('First point\u0000', 'multi-line')).toBe('must not contain control characters other than line breaks and tabs');
  });

  it('accepts text in every script, right-to-left ones and their marks included', () => {
    expect(sut('Sommet de Paris — 巴黎峰会 — قمة باريس\u200F — 🇫🇷', 'single-line')).toBeNull();
  });

  it('refuses an unpaired surrogate and what is not a string', () => {
    expect(sut('a\uD800', 'multi-line')).toBe('must not contain an unpaired UTF-16 surrogate');
    expect(sut(42, 'single-line')).toBe('must be a string');
    expect(sut(null, 'single-line')).toBe('must be a string');
  });
});

class ProfileChange {
  @Optional() @IsName() displayName?: string;
  @Optional({ nullable: true }) @IsSingleLine(100) room?: string | null;
}

describe(Optional.name, () => {
  it('lets a field be left out', async () => {
    await expect(accepted(ProfileChange, {})).resolves.toEqual({});
  });

  it('refuses null in a field not documented as nullable', async () => {
    await expect(problems(ProfileChange, { displayName: null })).resolves.toContain('displayName must be a string');
  });

  it('takes null as "none" in a nullable field', async () => {
    await expect(accepted(ProfileChange, { room: null })).resolves.toEqual({ room: null });
  });

  it('still validates a value given', async () => {
    await expect(problems(ProfileChange, { room: 'Hall\nB' })).resolves.toEqual(['room must be one line without control characters (no line break, tab or NUL)']);
  });
});

class Titled {
  @IsName(20) title: string;
  @Optional() @IsText(50) description?: string;
}

describe(IsName.name, () => {
  it('trims a name and refuses it empty, too long or on several lines', async () => {
    await expect(accepted(Titled, { title: '  Opening  ' })).resolves.toEqual({ title: 'Opening' });
    await expect(problems(Titled, { title: '   ' })).resolves.toEqual(['title must be longer than or equal to 1 characters']);
    await expect(problems(Titled, { title: 'x'.repeat(21) })).resolves.toEqual(['title must be shorter than or equal to 20 characters']);
    await expect(problems(Titled, { title: 'Opening\r\nBcc: all' })).resolves.toEqual(['title must be one line without control characters (no line break, tab or NUL)']);
  });

  it('refuses an object, even one with a string-like constructor key', async () => {
    await expect(problems(Titled, { title: { value: 'Opening' } })).resolves.toContain('title must be a string');
  });
});

describe(IsText.name, () => {
  it('stores line ends sent as CRLF as LF', async () => {
    await expect(accepted(Titled, { title: 'T', description: 'one\r\ntwo\r\n\tthree' })).resolves.toEqual({ title: 'T', description: 'one\ntwo\n\tthree' });
  });

  it('refuses a lone CR, a NUL or an escape sequence', async () => {
    for (const description of ['one\rtwo', 'one\u0000', '\u001b[2J']) {
      await expect(problems(Titled, { title: 'T', description })).resolves.toEqual(['description must not contain control characters other than line breaks and tabs']);
    }
  });
});

class SignIn {
  @IsEmailAddress() email: string;
  @IsString() password: string;
}

describe(IsEmailAddress.name, () => {
  it('trims and lower-cases an address', async () => {
    await expect(accepted(SignIn, { email: ' Sherpa@Example.ORG ', password: 'x' })).resolves.toEqual({ email: 'sherpa@example.org', password: 'x' });
  });

  it('refuses an address with a lone surrogate instead of throwing', async () => {
    await expect(problems(SignIn, { email: 'a\uD800@example.org', password: 'x' })).resolves.toEqual([
      'email must not contain an unpaired UTF-16 surrogate',
      'email must be an e-mail address',
    ]);
  });

  it('refuses an address that carries a header', async () => {
    await expect(problems(SignIn, { email: 'a@example.org\r\nBcc: b@example.org', password: 'x' })).resolves.toContain('email must be an e-mail address');
  });
});

class Meeting {
  @IsInstant() startsAt: Date;
}

describe(IsInstant.name, () => {
  it('takes an ISO 8601 date-time with its offset, as toISOString() and offset writers send it', async () => {
    await expect(accepted(Meeting, { startsAt: '2026-05-14T09:00:00Z' })).resolves.toEqual({ startsAt: new Date('2026-05-14T09:00:00Z') });
    await expect(accepted(Meeting, { startsAt: '2026-05-14T11:00:00.000+02:00' })).resolves.toEqual({ startsAt: new Date('2026-05-14T09:00:00Z') });
    await expect(accepted(Meeting, { startsAt: '2026-05-14T09:00Z' })).resolves.toEqual({ startsAt: new Date('2026-05-14T09:00:00Z') });
  });

  it.each([['x'], [0], [1e20], [true], [null], [['2026-05-14T09:00:00Z']], [{}], ['2026-05-14'], ['2026-05-14T09:00:00'], ['2026-02-30T09:00:00Z'], ['+275760-09-13T00:00:00Z'], ['0000-01-01T00:00:00Z']])(
    'refuses %p',
    async (startsAt) => {
      await expect(problems(Meeting, { startsAt })).resolves.toEqual(['startsAt must be an ISO 8601 date and time with an offset, such as 2026-05-14T09:00:00Z']);
    },
  );

  it('parses nothing but such strings', () => {
    expect(parseInstant('2026-05-14T09:00:00Z')?.toISOString()).toBe('2026-05-14T09:00:00.000Z');
    expect(parseInstant(1_778_749_200_000)).toBeNull();
  });
});

class Page {
  @Optional() @IsQueryInt(1, 200) limit?: number;
  @Optional() @IsQueryInt(0) after?: number;
}

class Mute {
  @Optional() @IsBoundedInt(1, 10_080) minutes?: number;
  @Optional() @IsBoundedInt(0) sequence?: number;
}

describe(IsQueryInt.name, () => {
  it('reads digits as a number', async () => {
    await expect(accepted(Page, { limit: '50', after: '0' })).resolves.toEqual({ limit: 50, after: 0 });
  });

  it.each([[''], [' 5'], ['1e3'], ['0x10'], ['5.5'], [['1', '2']], ['99999999999999999999']])('refuses %p', async (limit) => {
    await expect(problems(Page, { limit })).resolves.not.toEqual([]);
  });

  it('refuses what the database could not hold', async () => {
    await expect(problems(Page, { after: String(MAX_STORED_INT + 1) })).resolves.toEqual([`after must not be greater than ${MAX_STORED_INT}`]);
  });
});

describe(IsBoundedInt.name, () => {
  it('takes an integer within its bounds', async () => {
    await expect(accepted(Mute, { minutes: 30, sequence: MAX_STORED_INT })).resolves.toEqual({ minutes: 30, sequence: MAX_STORED_INT });
  });

  it.each([[1e308], [MAX_STORED_INT + 1], [1.5], ['30'], [Number.MAX_SAFE_INTEGER * 4]])('refuses %p', async (sequence) => {
    await expect(problems(Mute, { sequence })).resolves.not.toEqual([]);
  });
});

describe(isTimeZone.name, () => {
  it('accepts canonical IANA names', () => {
    expect(isTimeZone('Europe/Zurich')).toBe(true);
    expect(isTimeZone('Pacific/Auckland')).toBe(true);
  });

  it('accepts the names Intl does not list but knows, every time it is asked', () => {
    for (let i = 0; i < 2; i += 1) {
      expect(isTimeZone('UTC')).toBe(true);
      expect(isTimeZone('Asia/Calcutta')).toBe(true);
    }
  });

  it('refuses what is no time zone, every time it is asked', () => {
    for (let i = 0; i < 2; i += 1) {
      expect(isTimeZone('Europe/Geneva')).toBe(false);
      expect(isTimeZone('summit')).toBe(false);
      expect(isTimeZone('')).toBe(false);
      expect(isTimeZone('A'.repeat(65))).toBe(false);
      expect(isTimeZone(42)).toBe(false);
    }
  });
});
