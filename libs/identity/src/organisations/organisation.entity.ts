import { ID_COLUMN, TimestampedEntity } from '@plenary/database';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export enum OrganisationKind {
  State = 'state',
  InternationalOrganisation = 'international_organisation',
  Company = 'company',
  CivilSociety = 'civil_society',
}

export const ORGANISATION_KINDS = Object.values(OrganisationKind);

@Entity({ name: 'organisations' })
export class Organisation extends TimestampedEntity {
  @PrimaryColumn(ID_COLUMN)
  id: string;

  @Index('IDX_organisations_kind')
  @Column({ type: 'varchar', length: 32 })
  kind: OrganisationKind;

  @Index('UQ_organisations_name', { unique: true })
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ name: 'short_name', type: 'varchar', length: 64 })
  shortName: string;

  /** ISO 3166-1 alpha-2, for states (and optionally others headquartered in one). */
  @Column({ name: 'country_code', type: 'varchar', length: 2, nullable: true })
  countryCode: string | null;
}
