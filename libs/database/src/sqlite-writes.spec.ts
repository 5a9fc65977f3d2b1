import { DataSource, EntitySchema, QueryFailedError } from 'typeorm';
import { SqliteWrites } from './sqlite-writes';

interface Note {
  id: string;
  author: string;
  topic: string;
  body: string;
  tags: string[];
  pinned: boolean;
  writtenAt: Date;
  editedAt: Date | null;
}

const NoteSchema = new EntitySchema<Note>({
  name: 'Note',
  tableName: 'notes',
  columns: {
    id: { type: 'varchar', primary: true },
    author: { type: 'varchar' },
    topic: { type: 'varchar' },
    body: { type: 'text' },
    tags: { type: 'simple-json' },
    pinned: { type: 'boolean', default: false },
    writtenAt: { type: 'datetime', name: 'written_at' },
    editedAt: { type: 'datetime', name: 'edited_at', nullable: true },
  },
  indices: [{ name: 'UQ_notes_author_topic', columns: ['author', 'topic'], unique: true }],
});

const note = (id: string, overrides: Partial<Note> = {}): Note => ({
  id,
  author: 'ana',
  topic: `topic-${id}`,
  body: 'Draft',
  tags: ['climate'],
  pinned: true,
  writtenAt: new Date('2026-05-14T08:00:00.123Z'),
  editedAt: null,
  ...overrides,
});

describe('SqliteWrites', () => {
  let dataSource: DataSource;
  let writes: SqliteWrites;
  const notes = () => dataSource.getRepository(NoteSchema);

  beforeEach(async () => {
    // A throw-away schema of its own: synchronize is fine here.
    dataSource = await new DataSource({ type: 'better-sqlite3', database: ':memory:', entities: [NoteSchema], synchronize: true }).initialize();
    writes = new SqliteWrites(dataSource);
  });
  afterEach(() => dataSource.destroy());

  it('inserts a row that TypeORM reads back as it was written: JSON, booleans and instants converted', async () => {
    expect(writes.transaction((w) => w.insert(NoteSchema, note('a')))).toBeUndefined();
    await expect(notes().findOneByOrFail({ id: 'a' })).resolves.toEqual(note('a'));
  });

  it('leaves out the columns an entity has no value for, so their defaults hold', async () => {
    const { pinned: _pinned, ...withoutPinned } = note('b');
    writes.transaction((w) => w.insert(NoteSchema, withoutPinned as Note));
    await expect(notes().findOneByOrFail({ id: 'b' })).resolves.toMatchObject({ pinned: false });
  });

  it('updates the named columns of the row already there on a clash', async () => {
    writes.transaction((w) => w.insert(NoteSchema, note('a', { topic: 'agenda' })));
    writes.transaction((w) => w.upsert(NoteSchema, note('other', { topic: 'agenda', body: 'Final', pinned: false }), ['author', 'topic'], ['body']));
    await expect(notes().find()).resolves.toEqual([note('a', { topic: 'agenda', body: 'Final' })]);
  });

  it('gives back the row a statement returns, and reads values as TypeORM converts them', () => {
    writes.transaction((w) => w.insert(NoteSchema, note('a')));
    const read = writes.transaction((w) => {
      const row = w.get<{ written_at: unknown; pinned: unknown }>('UPDATE notes SET body = ? WHERE id = ? RETURNING written_at, pinned', ['Edited', 'a']);
      return row && { writtenAt: w.read(NoteSchema, 'writtenAt', row.written_at), pinned: w.read(NoteSchema, 'pinned', row.pinned) };
    });
    expect(read).toEqual({ writtenAt: new Date('2026-05-14T08:00:00.123Z'), pinned: true });
  });

  it('keeps nothing of a transaction whose work throws', async () => {
    expect(() =>
      writes.transaction((w) => {
        w.insert(NoteSchema, note('a'));
        throw new Error('refused');
      }),
    ).toThrow('refused');
    await expect(notes().count()).resolves.toBe(0);
  });

  it('reports a constraint failure as TypeORM does, and keeps nothing of that transaction', async () => {
    writes.transaction((w) => w.insert(NoteSchema, note('a', { topic: 'agenda' })));
    let failure: unknown;
    try {
      writes.transaction((w) => {
        w.insert(NoteSchema, note('b'));
        w.insert(NoteSchema, note('c', { topic: 'agenda' }));
      });
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(QueryFailedError);
    expect((failure as QueryFailedError).driverError).toMatchObject({ code: 'SQLITE_CONSTRAINT_UNIQUE' });
    await expect(notes().find({ select: { id: true } })).resolves.toEqual([{ id: 'a' }]);
  });

  it('declines while one of TypeORM’s transactions is open, whose statements it would otherwise join', async () => {
    let inside: unknown = 'not run';
    await dataSource.transaction(async (m) => {
      await m.getRepository(NoteSchema).insert(note('a'));
      inside = writes.transaction((w) => w.insert(NoteSchema, note('b')));
    });
    expect(inside).toBeNull();
    await expect(notes().count()).resolves.toBe(1);
    expect(writes.transaction(() => 'ran')).toBe('ran');
  });

  it('declines on another database', () => {
    const postgres = { driver: { options: { type: 'postgres' } } } as unknown as DataSource;
    expect(new SqliteWrites(postgres).transaction(() => 'ran')).toBeNull();
    expect(new SqliteWrites(postgres).available).toBe(false);
  });
});
