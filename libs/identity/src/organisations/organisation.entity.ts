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

  /** The French name and short name, where they differ from the English ones; readers in French see them, others the English. */
  @Column({ name: 'name_fr', type: 'varchar', length: 200, nullable: true })
  nameFr: string | null;

  @Column({ name: 'short_name_fr', type: 'varchar', length: 64, nullable: true })
  shortNameFr: string | null;

  /** ISO 3166-1 alpha-2, for states (and optionally others headquartered in one). */
  @Column({ name: 'country_code', type: 'varchar', length: 2, nullable: true })
  countryCode: string | null;
}
