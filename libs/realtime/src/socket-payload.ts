import { Logger } from '@nestjs/common';
import { assertFitJson, DomainError, ErrorCode, toErrorBody } from '@plenary/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Ack } from './contracts/realtime-events';

/**
 * Validates an event payload with the same DTO machinery as REST bodies,
 * after the same inspection of untrusted JSON (depth, prototype keys, lone
 * surrogates, NUL), which the DTO machinery could not survive.
 */
export async function validated<T extends object>(type: new () => T, payload: unknown): Promise<T> {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new DomainError(ErrorCode.ValidationFailed, 'The payload must be an object');
  }
  assertFitJson(payload);
  const dto = plainToInstance(type, payload);
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) {
    throw new DomainError(ErrorCode.ValidationFailed, errors.flatMap((e) => Object.values(e.constraints ?? {})).join('; ') || 'Invalid payload');
  }
  return dto;
}

export type Failure = Extract<Ack, { ok: false }>;

/** Any thrown value as an error acknowledgement; unknown errors are logged and answered without internals. */
export function failure(error: unknown, logger: Logger): Failure {
  const { body } = toErrorBody(error, logger);
  return { ok: false, error: { code: body.code, message: body.message } };
}
