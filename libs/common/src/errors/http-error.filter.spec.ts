import { BadRequestException, ForbiddenException, HttpException, Logger, NotFoundException, PayloadTooLargeException, ServiceUnavailableException } from '@nestjs/common';
import { DomainError } from './domain.error';
import { defineErrorCodes } from './error-code';
import { RetryLaterError } from './retry-later.error';
import { toErrorBody } from './http-error.filter';

/** Codes a lib would declare of its own. */
const LibErrorCode = defineErrorCodes({ LinkExpired: ['LINK_EXPIRED_FOR_TEST', 410], Throttled: ['THROTTLED_FOR_TEST', 429] });

/** A logger that keeps what it is asked to log as errors. */
class RecordingLogger extends Logger {
  readonly errors: unknown[] = [];

  override error(message: unknown): void {
    this.errors.push(message);
  }
}

describe(toErrorBody.name, () => {
  const sut = toErrorBody;
  let logger: RecordingLogger;

  beforeEach(() => {
    logger = new RecordingLogger();
  });

  it('maps a domain error to the status of its code', () => {
    expect(sut(new DomainError(LibErrorCode.LinkExpired, 'This link has expired'), logger)).toEqual({
      body: { statusCode: 410, code: 'LINK_EXPIRED_FOR_TEST', message: 'This link has expired' },
      headers: {},
    });
    expect(logger.errors).toEqual([]);
  });

  it('passes on the headers of a domain error', () => {
    const { body, headers } = sut(new DomainError(LibErrorCode.Throttled, 'Too many sign-in attempts', { 'Retry-After': '42' }));

    expect(body).toMatchObject({ statusCode: 429, code: 'THROTTLED_FOR_TEST' });
    expect(headers).toEqual({ 'Retry-After': '42' });
  });

  it('says when to try again, in the header and the body, for a refusal that holds only for a while', () => {
    const { body, headers } = sut(new RetryLaterError(LibErrorCode.Throttled, 'Too many sign-in attempts; try again in 8 s', 8));

    expect(body).toEqual({ statusCode: 429, code: 'THROTTLED_FOR_TEST', message: 'Too many sign-in attempts; try again in 8 s', retryAfterSeconds: 8 });
    expect(headers).toEqual({ 'Retry-After': '8' });
  });

  it('joins the messages of a validation failure', () => {
    const error = new BadRequestException(['email must be an e-mail address', 'password must be longer than or equal to 12 characters']);

    expect(sut(error).body).toEqual({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: 'email must be an e-mail address; password must be longer than or equal to 12 characters',
    });
  });

  it.each([
    [new NotFoundException('Cannot GET /api/nothing'), 404, 'NOT_FOUND', 'Cannot GET /api/nothing'],
    [new ForbiddenException(), 403, 'FORBIDDEN', 'Forbidden'],
    [new PayloadTooLargeException(), 413, 'PAYLOAD_TOO_LARGE', 'Payload Too Large'],
    [new HttpException('I am a teapot', 418), 418, 'HTTP_418', 'I am a teapot'],
    [new ServiceUnavailableException('Database unavailable'), 503, 'INTERNAL_ERROR', 'Database unavailable'],
  ])('maps %p to %i %s', (error, statusCode, code, message) => {
    expect(sut(error).body).toEqual({ statusCode, code, message });
  });

  it('keeps a code given in the response of an HTTP exception', () => {
    expect(sut(new HttpException({ message: 'Slow down', code: 'RATE_LIMITED' }, 429)).body).toEqual({
      statusCode: 429,
      code: 'RATE_LIMITED',
      message: 'Slow down',
    });
  });

  it('turns an unknown error into a logged 500 that does not reveal its message', () => {
    const error = new Error('SQLITE_CONSTRAINT: UNIQUE constraint failed: users.email (password_hash=scrypt$...)');

    const { body, headers } = sut(error, logger);

    expect(body).toEqual({ statusCode: 500, code: 'INTERNAL_ERROR', message: 'Internal server error' });
    expect(headers).toEqual({});
    expect(logger.errors).toEqual([expect.stringContaining('SQLITE_CONSTRAINT')]);
  });

  it('turns a thrown non-error value into a 500', () => {
    expect(sut('something odd', logger).body).toEqual({ statusCode: 500, code: 'INTERNAL_ERROR', message: 'Internal server error' });
    expect(logger.errors).toEqual(['something odd']);
  });

  it('maps a body-parser error that may be shown to a client error', () => {
    const malformed = Object.assign(new SyntaxError('Unexpected token } in JSON at position 12'), { status: 400, expose: true, type: 'entity.parse.failed' });
    const tooLarge = Object.assign(new Error('request entity too large'), { status: 413, expose: true, type: 'entity.too.large' });

    expect(sut(malformed).body).toEqual({ statusCode: 400, code: 'VALIDATION_FAILED', message: 'Unexpected token } in JSON at position 12' });
    expect(sut(tooLarge).body).toEqual({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: 'request entity too large' });
  });

  it('hides an error that carries a status but is not marked as safe to show', () => {
    const internal = Object.assign(new Error('connection pool exhausted'), { status: 400, expose: false });

    expect(sut(internal, logger).body).toEqual({ statusCode: 500, code: 'INTERNAL_ERROR', message: 'Internal server error' });
  });
});

describe(defineErrorCodes.name, () => {
  it('refuses to give a declared code a second, different status', () => {
    expect(() => defineErrorCodes({ Again: ['LINK_EXPIRED_FOR_TEST', 404] })).toThrow(/already declared with status 410/);
  });

  it('lets a DomainError carry only a declared code', () => {
    expect(() => new DomainError('NEVER_DECLARED' as never, 'Nope')).toThrow(/Undeclared error code NEVER_DECLARED/);
  });
});
