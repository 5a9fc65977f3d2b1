import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppConfig, ConfigError, loadConfig } from '@plenary/config';
import { dataSourceOptions } from '@plenary/database';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { seedDemo } from './demo/demo.seed';
import { servedAt } from './listening-address';
import { createLogger } from './logger';

const USAGE = `Usage: node dist/apps/server/src/cli.js <command>

Commands:
  migrate        apply pending database migrations
  migrate:undo   revert the last migration
  demo           seed the demo summit community and print its passwords once
`;

async function main(command: string | undefined): Promise<number> {
  const config = loadConfig();
  switch (command) {
    case 'migrate':
    case 'migrate:undo': {
      const dataSource = new DataSource(dataSourceOptions(config));
      await dataSource.initialize();
      try {
        if (command === 'migrate') {
          const applied = await dataSource.runMigrations({ transaction: 'each' });
          process.stdout.write(applied.length ? applied.map((m) => `applied ${m.name}\n`).join('') : 'database is up to date\n');
        } else {
          await dataSource.undoLastMigration({ transaction: 'each' });
          process.stdout.write('reverted the last migration\n');
        }
      } finally {
        await dataSource.destroy();
      }
      return 0;
    }
    case 'demo': {
      const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: createLogger({ ...config, logLevel: 'warn' }) });
      try {
        const accounts = await seedDemo(app);
        if (!accounts) {
          process.stdout.write(`The demo is already seeded; its passwords were printed when it was created.\n${signInAt(config)}\n`);
          return 0;
        }
        const width = Math.max(...accounts.map((a) => a.email.length));
        process.stdout.write(`\nDemo accounts (passwords are shown only now):\n\n`);
        for (const a of accounts) {
          const role = a.platformRole === 'participant' ? a.role : `${a.role}, ${a.platformRole}`;
          process.stdout.write(`  ${a.email.padEnd(width)}  ${a.password}  ${a.organisation} (${role})\n`);
        }
        process.stdout.write(`\n${signInAt(config)}\n`);
      } finally {
        await app.close();
      }
      return 0;
    }
    default:
      process.stdout.write(USAGE);
      return command ? 64 : 0;
  }
}

/** Where to sign in to the demo: the server `npm start` runs with this same environment. */
function signInAt(config: AppConfig): string {
  if (config.port === 0) return 'Sign in at the address `npm start` prints once it listens (PORT=0 leaves the port to the system).';
  return `Sign in at ${servedAt(config, config.port)}, once the platform runs (\`npm start\` with the same environment).`;
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(error instanceof ConfigError ? `${error.message}\n` : `${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
