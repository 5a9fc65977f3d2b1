import { ArgumentMetadata, Type, ValidationPipe } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';

/** Valid queries remembered per class at most; the set starts again when full. */
const REMEMBERED = 1_000;

/**
 * The validation of every route's body, query and parameters. A query
 * string that has passed once for a query class passes again, since a
 * query's rules look at its values only; readers of one page send the same
 * few queries (an agenda read has none, or a zone), so the valid ones are
 * remembered per class and such a query is only converted into its class.
 * Anything else, and a query that fails, is validated in full every time.
 */
export class RequestValidationPipe extends ValidationPipe {
  private readonly validQueries = new WeakMap<Type<unknown>, Set<string>>();

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const metatype = metadata.metatype;
    if (metadata.type !== 'query' || !metatype || !this.toValidate(metadata) || !isQueryString(value)) return super.transform(value, metadata);
    const key = JSON.stringify(value);
    let valid = this.validQueries.get(metatype);
    if (valid?.has(key)) return plainToInstance(metatype, value, this.transformOptions);
    const result = await super.transform(value, metadata);
    if (!valid) this.validQueries.set(metatype, (valid = new Set()));
    if (valid.size >= REMEMBERED) valid.clear();
    valid.add(key);
    return result;
  }
}

/** A parsed query string: a plain object of strings. */
function isQueryString(value: unknown): value is Record<string, string> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return false;
  return Object.values(value).every((v) => typeof v === 'string');
}
