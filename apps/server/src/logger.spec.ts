import { Logger } from '@nestjs/common';
import { createLogger } from './logger';

describe(createLogger.name, () => {
  let written: string[];

  beforeEach(() => {
    written = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
  });

  afterEach(() => {
    jest.restoreAllMocks();
    Logger.overrideLogger(new Logger());
  });

  /** What the lib's loggers print through the logger made for `config`. */
  function printed(config: Parameters<typeof createLogger>[0], log: () => void): string[] {
    Logger.overrideLogger(createLogger(config));
    log();
    return written.join('').split('\n').filter(Boolean);
  }

  it('keeps Nest’s start-up account of modules, routes and handlers out of the log', () => {
    const lines = printed({ logLevel: 'log', logJson: false }, () => {
      new Logger('InstanceLoader').log('IdentityModule dependencies initialized');
      new Logger('RoutesResolver').log('AuthController {/api/auth}:');
      new Logger('RouterExplorer').log('Mapped {/api/auth/login, POST} route');
      new Logger('WebSocketsController').log('ChatGateway subscribed to the "typing" message');
      new Logger('NestFactory').log('Starting Nest application...');
      new Logger('Plenary').log('Plenary is listening on http://localhost:3000');
    });

    expect(lines).toEqual([expect.stringMatching(/ LOG \[Plenary\] Plenary is listening on http:\/\/localhost:3000$/)]);
  });

  it('shows the start-up account at LOG_LEVEL=debug', () => {
    const lines = printed({ logLevel: 'debug', logJson: false }, () => new Logger('RouterExplorer').log('Mapped {/api/auth/login, POST} route'));

    expect(lines).toEqual([expect.stringMatching(/DEBUG \[RouterExplorer\] Mapped \{\/api\/auth\/login, POST\} route$/)]);
  });

  it('still logs warnings of those contexts', () => {
    const lines = printed({ logLevel: 'log', logJson: false }, () => new Logger('RoutesResolver').warn('Duplicate route'));

    expect(lines).toEqual([expect.stringMatching(/WARN \[RoutesResolver\] Duplicate route$/)]);
  });

  it('prints an object as key=value pairs on one readable line', () => {
    const lines = printed({ logLevel: 'log', logJson: false }, () =>
      new Logger('Http').log({ requestId: 'abc-123', method: 'GET', route: '/api/me', status: 401, durationMs: 6.6, note: 'two words' }),
    );

    expect(lines).toEqual([expect.stringMatching(/ LOG \[Http\] requestId=abc-123 method=GET route=\/api\/me status=401 durationMs=6.6 note="two words"$/)]);
  });

  it('prints one JSON object per line when asked', () => {
    const lines = printed({ logLevel: 'log', logJson: true }, () => {
      new Logger('RouterExplorer').log('Mapped {/api/auth/login, POST} route');
      new Logger('Http').log({ method: 'GET', status: 200 });
    });

    expect(lines.map((line) => JSON.parse(line))).toEqual([expect.objectContaining({ level: 'log', context: 'Http', message: { method: 'GET', status: 200 } })]);
  });
});
