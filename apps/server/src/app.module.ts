import { DynamicModule, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { ChatModule } from '@plenary/chat';
import { AppConfig, ConfigModule } from '@plenary/config';
import { DatabaseModule } from '@plenary/database';
import { IdentityModule } from '@plenary/identity';
import { MailModule } from '@plenary/mail';
import { SummitsModule } from '@plenary/summits';
import { HealthController } from './health/health.controller';
import { MetricsController } from './observability/metrics.controller';
import { MetricsService } from './observability/metrics.service';
import { RequestLoggingMiddleware } from './observability/request-logging.middleware';

@Module({})
export class AppModule implements NestModule {
  /** The whole server for a given configuration. */
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ConfigModule.forRoot(config), DatabaseModule, MailModule, IdentityModule, SummitsModule, ChatModule, TerminusModule],
      controllers: [HealthController, MetricsController],
      providers: [MetricsService],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestLoggingMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
