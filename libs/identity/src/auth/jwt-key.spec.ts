import { JwtService } from '@nestjs/jwt';
import { randomBytes } from 'node:crypto';
import { jwtKey } from './jwt-key';

describe(jwtKey.name, () => {
  const secret = randomBytes(32).toString('hex');
  const withString = new JwtService({ secret, signOptions: { algorithm: 'HS256' } });
  const withKey = new JwtService({ secret: jwtKey(secret), signOptions: { algorithm: 'HS256' } });

  it('signs and verifies exactly as the secret it is made from', async () => {
    const token = withKey.sign({ sub: 'user-1', sid: 'session-1' });

    await expect(withString.verifyAsync(token, { algorithms: ['HS256'] })).resolves.toMatchObject({ sub: 'user-1', sid: 'session-1' });
    await expect(withKey.verifyAsync(withString.sign({ sub: 'user-2', sid: 'session-2' }), { algorithms: ['HS256'] })).resolves.toMatchObject({ sub: 'user-2' });
  });

  it('refuses a token signed with another secret', async () => {
    const stranger = new JwtService({ secret: randomBytes(32).toString('hex'), signOptions: { algorithm: 'HS256' } });

    await expect(withKey.verifyAsync(stranger.sign({ sub: 'user-1', sid: 'session-1' }), { algorithms: ['HS256'] })).rejects.toThrow(/invalid signature/);
  });
});
