import { DataSource } from 'typeorm';
import { createTestDataSource, saveUser, testConfig } from '../testing/identity.factories';
import { AuthSession } from './auth-session.entity';
import { SessionsService } from './sessions.service';
it('probe', async () => {
  const config = testConfig();
  const ds: DataSource = await createTestDataSource(config);
  const sut = new SessionsService(ds.getRepository(AuthSession), ds, config);
  const user = await saveUser(ds);
  const { token, session } = await sut.start(user.id, { ip: 'x', userAgent: null });
  const results = await Promise.allSettled([sut.rotate(token, { ip: 'x', userAgent: null }), sut.rotate(token, { ip: 'x', userAgent: null })]);
  console.log(results.map((r) => (r.status === 'rejected' ? String(r.reason) + ' ' + (r.reason as any).code : 'ok')));
  console.log(await ds.query('select * from auth_sessions'), await ds.query('select * from refresh_tokens'));
  await ds.destroy();
});
