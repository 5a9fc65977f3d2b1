import { Logger } from '@nestjs/common';
import { loadConfig } from '@plenary/config';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { PlenaryIoAdapter } from './plenary-io.adapter';

/** A local port with nothing listening on it: a Redis that is down. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe(PlenaryIoAdapter.name, () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['error', 'warn', 'log']));

  it('gives up on an unreachable Redis at start with a clear error that does not show the password', async () => {
    const url = `redis://:hunter2-secret@127.0.0.1:${await closedPort()}`;
    const config = loadConfig({ NODE_ENV: 'test', JWT_SECRET: randomBytes(32).toString('hex'), DATABASE_URL: 'sqlite::memory:', REDIS_URL: url }, tmpdir());
    const sut = new PlenaryIoAdapter(undefined as never, config);

    const failure = sut.connect();

    await expect(failure).rejects.toThrow(/Redis for Socket\.IO is unreachable \(REDIS_URL\)/);
    await expect(failure).rejects.not.toThrow(/hunter2/);
  });
});
