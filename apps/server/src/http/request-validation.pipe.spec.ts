import type { ArgumentMetadata } from '@nestjs/common';
import { IsQueryInt, IsTimeZone, Optional } from '@plenary/common';
import { RequestValidationPipe } from './request-validation.pipe';

class ZoneQuery {
  @Optional()
  @IsTimeZone()
  zone?: string;

  @Optional()
  @IsQueryInt(1, 100)
  limit?: number;
}

const query: ArgumentMetadata = { type: 'query', metatype: ZoneQuery };

describe(RequestValidationPipe.name, () => {
  let sut: RequestValidationPipe;
  let validations: jest.SpyInstance;

  beforeEach(() => {
    sut = new RequestValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true });
    validations = jest.spyOn(sut as unknown as { validate: () => unknown }, 'validate');
  });

  it('validates a query once, and gives each later request its own converted copy', async () => {
    const first = await sut.transform({ zone: 'Asia/Tokyo', limit: '20' }, query);
    const second = await sut.transform({ zone: 'Asia/Tokyo', limit: '20' }, query);

    expect(second).toBeInstanceOf(ZoneQuery);
    expect(second).toEqual({ zone: 'Asia/Tokyo', limit: 20 });
    expect(second).not.toBe(first);
    expect(validations).toHaveBeenCalledTimes(1);
  });

  it('validates every other query in full', async () => {
    await sut.transform({}, query);
    await sut.transform({ zone: 'Europe/Paris' }, query);
    await sut.transform({}, query);

    expect(validations).toHaveBeenCalledTimes(2);
  });

  it('refuses an invalid query every time it comes', async () => {
    for (let i = 0; i < 3; i++) {
      await expect(sut.transform({ zone: 'Mars/Olympus' }, query)).rejects.toThrow();
      await expect(sut.transform({ limit: '1000' }, query)).rejects.toThrow();
      await expect(sut.transform({ unknown: 'x' }, query)).rejects.toThrow();
    }
    expect(validations).toHaveBeenCalledTimes(9);
  });

  it('does not remember a query for another class, nor a body', async () => {
    class OtherQuery {
      @Optional()
      @IsTimeZone()
      zone?: string;
    }
    await sut.transform({ zone: 'Asia/Tokyo' }, query);
    await sut.transform({ zone: 'Asia/Tokyo' }, { type: 'query', metatype: OtherQuery });
    await sut.transform({ zone: 'Asia/Tokyo' }, { type: 'body', metatype: ZoneQuery });
    await sut.transform({ zone: 'Asia/Tokyo' }, { type: 'body', metatype: ZoneQuery });

    expect(validations).toHaveBeenCalledTimes(4);
  });
});
