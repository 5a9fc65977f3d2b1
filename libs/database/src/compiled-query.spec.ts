import { DataSource, EntitySchema } from 'typeorm';
import { CompiledQuery, hydrate } from './compiled-query';

interface Meeting {
  id: string;
  title: string;
  status: string;
  startsAt: Date;
  open: boolean;
}

const MeetingSchema = new EntitySchema<Meeting>({
  name: 'Meeting',
  tableName: 'meetings',
  columns: {
    id: { type: 'varchar', primary: true },
    title: { type: 'varchar' },
    status: { type: 'varchar' },
    startsAt: { type: 'datetime', name: 'starts_at' },
    open: { type: 'boolean' },
  },
});

describe('CompiledQuery', () => {
  let dataSource: DataSource;
  beforeAll(async () => {
    // A throw-away schema of its own: synchronize is fine here.
    dataSource = await new DataSource({ type: 'better-sqlite3', database: ':memory:', entities: [MeetingSchema], synchronize: true }).initialize();
    await dataSource.getRepository(MeetingSchema).insert([
      { id: 'a', title: 'Opening', status: 'scheduled', startsAt: new Date('2026-05-14T08:00:00Z'), open: true },
      { id: 'b', title: 'Bilateral', status: 'cancelled', startsAt: new Date('2026-05-14T10:00:00Z'), open: false },
      { id: 'c', title: 'Closing', status: 'postponed', startsAt: new Date('2026-05-15T16:00:00Z'), open: true },
    ]);
  });
  afterAll(() => dataSource.destroy());

  const starting = () => {
    let builds = 0;
    const query = new CompiledQuery(dataSource, ['after', 'title'], (p) => {
      builds += 1;
      return dataSource
        .getRepository(MeetingSchema)
        .createQueryBuilder('meeting')
        .select('meeting')
        .where('meeting.startsAt > :after', { after: p.after })
        .andWhere('meeting.status IN (:...kept)', { kept: ['scheduled', 'postponed'] })
        .andWhere('meeting.title != :title', { title: p.title })
        .orderBy('meeting.startsAt', 'ASC');
    });
    return { query, builds: () => builds };
  };

  it('builds once and binds each run’s values, instants as the driver stores them, with the fixed values kept', async () => {
    const { query, builds } = starting();
    const ids = async (after: string, title: string) => (await query.run<{ meeting_id: string }>({ after: new Date(after), title })).map((row) => row.meeting_id);
    await expect(ids('2026-05-14T00:00:00Z', '')).resolves.toEqual(['a', 'c']);
    await expect(ids('2026-05-14T09:00:00Z', '')).resolves.toEqual(['c']);
    await expect(ids('2026-05-14T00:00:00Z', 'Opening')).resolves.toEqual(['c']);
    expect(builds()).toBe(1);
  });

  it('hydrates an entity from the row as the driver reads it', async () => {
    const { query } = starting();
    const [row] = await query.run({ after: new Date('2026-05-15T00:00:00Z'), title: '' });
    const meeting = hydrate<Meeting>(dataSource, MeetingSchema, row, 'meeting');
    expect(meeting).toMatchObject({ id: 'c', title: 'Closing', status: 'postponed', open: true });
    expect(meeting.startsAt).toEqual(new Date('2026-05-15T16:00:00Z'));
  });

  it('binds an instant as the driver itself would', async () => {
    const instants = [new Date('2026-05-14T08:00:00Z'), new Date('2026-12-31T23:59:59.999Z'), new Date('0999-01-02T03:04:05.006Z')];
    const query = new CompiledQuery(dataSource, ['at'], (p) => dataSource.getRepository(MeetingSchema).createQueryBuilder('meeting').select(':at', 'at').setParameter('at', p.at).limit(1));
    for (const at of instants) {
      const [row] = await query.run<{ at: string }>({ at });
      expect(row.at).toBe(dataSource.driver.escapeQueryWithParameters(':at', { at })[1][0]);
    }
  });

  it('binds the fixed booleans a query carries as SQLite stores them', async () => {
    const query = new CompiledQuery(dataSource, ['status'], (p) =>
      dataSource.getRepository(MeetingSchema).createQueryBuilder('meeting').select('meeting.id', 'id').where('meeting.open = :open', { open: false }).andWhere('meeting.status = :status', { status: p.status }),
    );
    await expect(query.run({ status: 'cancelled' })).resolves.toEqual([{ id: 'b' }]);
  });

  it('refuses a parameter written into the SQL rather than bound', async () => {
    const query = new CompiledQuery(dataSource, ['id'], (p) => dataSource.getRepository(MeetingSchema).createQueryBuilder('meeting').where(`meeting.id = '${p.id}'`));
    await expect(query.run({ id: 'a' })).rejects.toThrow('bound values only');
  });
});
