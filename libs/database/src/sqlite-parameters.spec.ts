import { In } from 'typeorm';
import { PlenaryDataSource } from './plenary.data-source';

describe('bindIntegerParameters', () => {
  let sut: PlenaryDataSource;

  beforeEach(async () => {
    sut = await new PlenaryDataSource({ type: 'better-sqlite3', database: ':memory:' }).initialize();
    await sut.query(`CREATE TABLE codes (code varchar(10) NOT NULL, weight integer NOT NULL)`);
    await sut.query(`INSERT INTO codes (code, weight) VALUES ('5', 1), ('7', 2)`);
    await sut.query(`CREATE TABLE one (id integer NOT NULL)`);
    await sut.query(`INSERT INTO one (id) VALUES (1)`);
  });

  afterEach(async () => {
    await sut.destroy();
  });

  const next = (n: number) => sut.createQueryBuilder().select(':n + 1', 'next').from('one', 'one').setParameters({ n });

  it('binds integers, so that one query is one statement whatever the values', async () => {
    const [sqlOf41, parametersOf41] = next(41).getQueryAndParameters();
    const [sqlOf99] = next(99).getQueryAndParameters();

    expect(sqlOf41).toBe(sqlOf99);
    expect(parametersOf41).toEqual([41n]);
    await expect(next(41).getRawOne()).resolves.toEqual({ next: 42 });
  });

  it('compares an integer with a text column as the literal did, alone and in a list', async () => {
    const byCode = (where: string, parameters: object) => sut.createQueryBuilder().select('codes.weight', 'weight').from('codes', 'codes').where(where, parameters).getRawMany();

    await expect(byCode('codes.code = :code', { code: 5 })).resolves.toEqual([{ weight: 1 }]);
    await expect(byCode('codes.code IN (:...codes)', { codes: [5, 7] })).resolves.toEqual([{ weight: 1 }, { weight: 2 }]);
  });

  it('leaves other numbers to TypeORM', async () => {
    await expect(next(1.5).getRawOne()).resolves.toEqual({ next: 2.5 });
    expect(next(1.5).getQueryAndParameters()[1]).toEqual([]);
  });

  it('keeps find options working with integers', async () => {
    await expect(sut.query(`SELECT count(*) AS n FROM codes WHERE weight = ?`, [1])).resolves.toEqual([{ n: 1 }]);
    const rows = await sut.createQueryBuilder().select('codes.code', 'code').from('codes', 'codes').where({ weight: In([2]) }).getRawMany();
    expect(rows).toEqual([{ code: '7' }]);
  });
});
