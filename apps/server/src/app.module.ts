import { DynamicModule, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { TerminusModule } from '@nestjs/terminus';
import { ChatModule } from '@plenary/chat';
import { AppConfig, ConfigModule } from '@plenary/config';
import { DatabaseModule } from '@plenary/database';
import { IdentityModule } from '@plenary/identity';
import { MailModule } from '@plenary/mail';
import { SummitsModule } from '@plenary/summits';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { HealthController } from './health/health.controller';
import { MetricsController } from './observability/metrics.controller';
import { MetricsService } from './observability/metrics.service';
import { RequestLoggingMiddleware } from './observability/request-logging.middleware';

@Module({})
export class AppModule implements NestModule {
  /** The whole server for a given configuration. */
  static forRoot(config: AppConfig): DynamicModule {
    const web = existsSync(join(config.webDir, 'index.html'))
      ? [ServeStaticModule.forRoot({ rootPath: config.webDir, exclude: ['/api/{*path}', '/health', '/metrics'] })]
      : [];
    return {
      module: AppModule,
      imports: [ConfigModule.forRoot(config), DatabaseModule, MailModule, IdentityModule, SummitsModule, ChatModule, TerminusModule, ...web],
      controllers: [HealthController, MetricsController],
      providers: [MetricsService],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestLoggingMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
