import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readApiDocumentOffline } from './offline-api-document';

const root = join(__dirname, '..', '..', '..', '..');
const committedFile = join(root, 'apps', 'web', 'src', 'api', 'schema.d.ts');

/** The types `npm run api:types` writes for a document (openapi-typescript needs Node's own module loader, hence a child process). */
function render(document: unknown): string {
  const child = spawnSync(process.execPath, [join(root, 'tools', 'api-types.js'), '--render'], { input: JSON.stringify(document), encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`tools/api-types.js --render failed: ${child.stderr}`);
  return child.stdout;
}

/** The declaration of one component schema in rendered types. */
function schema(types: string, name: string): string {
  const start = types.indexOf(`\n        ${name}: {`);
  if (start < 0) throw new Error(`${name} is not in the types`);
  return types.slice(start, types.indexOf('\n        };', start));
}

describe('web client API types', () => {
  let document: Awaited<ReturnType<typeof readApiDocumentOffline>>;
  let committed: string;
  let fresh: string;

  beforeAll(async () => {
    committed = readFileSync(committedFile, 'utf8');
    document = await readApiDocumentOffline();
    fresh = render(document);
  });

  it('are those of the current OpenAPI document (run `npm run api:types` after changing a route or DTO)', () => {
    // Comparing the text rather than a hash shows the first differing line in the failure.
    expect(committed).toBe(fresh);
  });

  it('type the answers the web client reads, enums included', () => {
    expect(schema(fresh, 'SlotProposalDto')).toContain('local: components["schemas"]["DelegationLocalTimeDto"][];');
    expect(schema(fresh, 'SummitDto')).toContain('status: "draft" | "announced" | "live" | "concluded" | "cancelled";');
    expect(schema(fresh, 'DirectChannelDto')).toContain('userId: string;');
  });

  it('would notice a route gone from the server', () => {
    const { ['/api/summits/{id}/fairness']: _gone, ...paths } = document.paths;
    expect(render({ ...document, paths })).not.toBe(committed);
  });
});
