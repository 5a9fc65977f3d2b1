import 'reflect-metadata';
import { AppModule } from './app.module';
import { serve } from './serve';

serve((config) => AppModule.forRoot(config)).catch((error: unknown) => {
  // A dependency that cannot be reached at start (the database, Redis) ends the process with one clear line.
  process.stderr.write(`Plenary could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
