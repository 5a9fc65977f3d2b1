import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';

/** The one shape of every error answer, for the OpenAPI document. */
export class ErrorDto {
  @ApiProperty({ type: 'integer', example: 400 }) statusCode: number;
  @ApiProperty({ description: 'Stable code clients switch on', example: 'VALIDATION_FAILED' }) code: string;
  @ApiProperty({ description: 'For people; may change' }) message: string;
  @ApiPropertyOptional({ description: 'Structured detail some codes carry (schedule conflicts…)' }) details?: unknown;
}

/** An error that holds only for a while: when to try again. */
export class RetryLaterErrorDto extends ErrorDto {
  @ApiProperty({ type: 'integer', description: 'Seconds to wait before trying again; the same as the Retry-After header', minimum: 1, example: 4 })
  retryAfterSeconds: number;
}

/** Documents a 429 answer with its `Retry-After` header and `retryAfterSeconds` in the body. */
export function ApiRetryLaterResponse(description: string) {
  return applyDecorators(
    ApiResponse({
      status: 429,
      description,
      type: RetryLaterErrorDto,
      headers: { 'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer', minimum: 1 } } },
    }),
  );
}
