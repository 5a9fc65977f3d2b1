import { JwtService } from '@nestjs/jwt';
import { DomainError, ErrorCode } from '@plenary/common';
import { AccessTokens } from './access-tokens';

const SECRET = 'a-test-secret-a-test-secret-a-test-secret';

describe(AccessTokens.name, () => {
  const jwt = new JwtService({ secret: SECRET, signOptions: { algorithm: 'HS256' } });
  let sut: AccessTokens;

  beforeEach(() => {
    sut = new AccessTokens(jwt);
  });

  function unauthenticated() {
    return expect.objectContaining({ name: DomainError.name, code: ErrorCode.Unauthenticated });
  }

  it('gives the payload of a valid token', () => {
    const token = jwt.sign({ sub: 'user-1', sid: 'session-1' }, { expiresIn: 60 });

    expect(sut.verify(token)).toEqual(expect.objectContaining({ sub: 'user-1', sid: 'session-1' }));
  });

  it('checks a kept token only once, and gives the same payload again', () => {
    const token = jwt.sign({ sub: 'user-1', sid: 'session-1' }, { expiresIn: 60 });
    const verify = jest.spyOn(jwt, 'verify');

    const first = sut.verify(token);
    const second = sut.verify(token);

    expect(second).toBe(first);
    expect(verify).toHaveBeenCalledTimes(1);
    expect(Object.isFrozen(first)).toBe(true);
    verify.mockRestore();
  });

  it('refuses a kept token once it has expired', () => {
    const issuedAt = Math.floor(Date.now() / 1000);
    const token = jwt.sign({ sub: 'user-1', sid: 'session-1', iat: issuedAt, exp: issuedAt + 30 });
    sut.verify(token, issuedAt * 1000);

    expect(() => sut.verify(token, (issuedAt + 31) * 1000)).toThrow(unauthenticated());
    expect(sut.size).toBe(0);
  });

  it('refuses a forged, expired or malformed token without keeping it', () => {
    const forged = new JwtService({ secret: 'another-secret-another-secret-another' }).sign({ sub: 'user-1', sid: 'session-1' }, { expiresIn: 60 });
    const expired = jwt.sign({ sub: 'user-1', sid: 'session-1', exp: Math.floor(Date.now() / 1000) - 10 });
    const unsigned = jwt.sign({ sub: 'user-1', sid: 'session-1' }, { expiresIn: 60 }).split('.').slice(0, 2).join('.') + '.';

    for (const token of [forged, expired, unsigned, 'not.a.jwt', '']) expect(() => sut.verify(token)).toThrow(unauthenticated());
    expect(sut.size).toBe(0);
  });

  it('refuses a token signed with another algorithm', () => {
    const none = new JwtService({ secret: SECRET, signOptions: { algorithm: 'HS512' } }).sign({ sub: 'user-1', sid: 'session-1' }, { expiresIn: 60 });

    expect(() => sut.verify(none)).toThrow(unauthenticated());
  });

  it('keeps at most ten thousand tokens, letting the oldest go first', () => {
    const first = jwt.sign({ sub: 'user-0', sid: 'session-0' }, { expiresIn: 600 });
    sut.verify(first);
    for (let i = 1; i <= 10_000; i++) sut.verify(jwt.sign({ sub: `user-${i}`, sid: `session-${i}` }, { expiresIn: 600 }));
    const verify = jest.spyOn(jwt, 'verify');

    sut.verify(first);

    expect(sut.size).toBe(10_000);
    expect(verify).toHaveBeenCalledTimes(1);
    verify.mockRestore();
  });
});
