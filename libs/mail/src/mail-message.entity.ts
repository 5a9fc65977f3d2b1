import { ID_COLUMN, utcTimestamp } from '@plenary/database';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** The outbox: every message is stored before delivery, so none is lost if delivery fails. */
@Entity({ name: 'mail_outbox' })
export class MailMessage {
  @PrimaryColumn(ID_COLUMN)
  id: string;

  @Column({ type: 'varchar', length: 320 })
  recipient: string;

  @Column({ type: 'varchar', length: 300 })
  subject: string;

  @Column({ name: 'text_body', type: 'text' })
  textBody: string;

  @Column(utcTimestamp({ name: 'created_at' }))
  createdAt: Date;

  @Index('IDX_mail_outbox_sent_at')
  @Column(utcTimestamp({ name: 'sent_at', nullable: true }))
  sentAt: Date | null;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError: string | null;
}
