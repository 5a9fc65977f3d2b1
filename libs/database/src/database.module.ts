import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@plenary/config';
import { dataSourceOptions } from './data-source.options';
import { PlenaryDataSource } from './plenary.data-source';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        ...dataSourceOptions(config),
        autoLoadEntities: true,
        // Pending migrations are applied at start so that a fresh clone runs with no extra step.
        migrationsRun: true,
      }),
      dataSourceFactory: async (options) => new PlenaryDataSource(options!).initialize(),
    }),
  ],
})
export class DatabaseModule {}
