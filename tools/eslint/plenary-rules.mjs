// Plenary's own lint rules, loaded by eslint.config.mjs.

/** The lib a file belongs to (`libs/<lib>/…`), or null. */
function libOf(filename) {
  const match = /(?:^|[\\/])libs[\\/]([a-z-]+)[\\/]/.exec(filename);
  return match ? match[1] : null;
}

/**
 * A lib reads and writes its own tables only: it asks another lib's services,
 * never that lib's repositories. Flags `@InjectRepository(X)`,
 * `TypeOrmModule.forFeature([X])` and `….getRepository(X)` (an entity
 * manager's too) when X is imported from another `@plenary/<lib>`.
 */
const ownRepositories = {
  meta: {
    type: 'problem',
    docs: { description: 'A lib injects and uses the repositories of its own entities only' },
    schema: [],
    messages: {
      foreign: '{{entity}} belongs to @plenary/{{owner}}: ask its services instead of using its repository.',
    },
  },
  create(context) {
    const lib = libOf(context.filename);
    if (!lib) return {};
    /** Local name → the other lib it was imported from. */
    const foreign = new Map();

    function check(node) {
      if (node?.type !== 'Identifier') return;
      const owner = foreign.get(node.name);
      if (owner) context.report({ node, messageId: 'foreign', data: { entity: node.name, owner } });
    }

    return {
      ImportDeclaration(node) {
        const match = /^@plenary\/([a-z-]+)$/.exec(String(node.source.value));
        if (!match || match[1] === lib) return;
        for (const specifier of node.specifiers) foreign.set(specifier.local.name, match[1]);
      },
      CallExpression(node) {
        const callee = node.callee;
        const [first] = node.arguments;
        if (callee.type === 'Identifier' && callee.name === 'InjectRepository') return check(first);
        if (callee.type !== 'MemberExpression' || callee.property.type !== 'Identifier') return;
        if (callee.property.name === 'getRepository') return check(first);
        if (callee.property.name === 'forFeature' && callee.object.type === 'Identifier' && callee.object.name === 'TypeOrmModule' && first?.type === 'ArrayExpression') {
          first.elements.forEach(check);
        }
      },
    };
  },
};

export const plenaryRules = { rules: { 'own-repositories': ownRepositories } };
