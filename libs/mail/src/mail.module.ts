import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@plenary/config';
import { MailMessage } from './mail-message.entity';
import { ConsoleMailTransport, MailTransport, SmtpMailTransport } from './mail-transport';
import { MailerService } from './mailer.service';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([MailMessage])],
  providers: [
    {
      provide: MailTransport,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        config.mail.smtpUrl ? new SmtpMailTransport(config.mail.smtpUrl, config.mail.from) : new ConsoleMailTransport(config.env === 'test'),
    },
    MailerService,
  ],
  exports: [MailerService],
})
export class MailModule {}
