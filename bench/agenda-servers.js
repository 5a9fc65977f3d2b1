'use strict';
/**
 * The server process of bench/agenda-read.js: Plenary from its build
 * (PLENARY_DIST), started as its main.js starts it, with one more route in
 * the same application, on the same HTTP adapter: the bare agenda,
 * `GET /api/bench/summits/:id/agenda`, a public route that returns the
 * agenda as Plenary answered it (`{ type: 'bare', body }` over IPC sets
 * it; until then it answers 404). It goes through everything every route
 * goes through (Express, the middleware, the global guards, pipes and
 * filter, the request log and metrics, the JSON serialisation) and does
 * nothing of its own: no token, no database, no access check, no
 * conversion. The difference between the two is what the agenda read
 * itself costs.
 */
require('reflect-metadata');
const path = require('node:path');
const { Controller, Get, Module, NotFoundException } = require('@nestjs/common');

const dist = process.env.PLENARY_DIST;
if (!dist) throw new Error('PLENARY_DIST names the build to run');
const build = (file) => require(path.join(dist, file));
const { Public } = build('libs/identity/src/index.js');
const { AppModule } = build('apps/server/src/app.module.js');
const { serve } = build('apps/server/src/serve.js');

const bare = { body: null };

class BareAgendaController {
  agenda() {
    if (bare.body === null) throw new NotFoundException();
    return bare.body;
  }
}
const descriptor = Object.getOwnPropertyDescriptor(BareAgendaController.prototype, 'agenda');
Public()(BareAgendaController.prototype, 'agenda', descriptor);
Get('bench/summits/:id/agenda')(BareAgendaController.prototype, 'agenda', descriptor);
Controller()(BareAgendaController);

/** Plenary's application with the bare route beside its own. */
function benchModule(config) {
  class AgendaBenchModule {}
  Module({ imports: [AppModule.forRoot(config)], controllers: [BareAgendaController] })(AgendaBenchModule);
  return AgendaBenchModule;
}

async function main() {
  await serve(benchModule);
  process.on('message', (request) => {
    if (!request || request.type !== 'bare') return;
    bare.body = request.body;
    process.send({ type: 'bare', id: request.id });
  });
}

main().catch((error) => {
  process.stderr.write(`The agenda benchmark's server could not start: ${error.stack || error.message}\n`);
  process.exit(1);
});
