import type { AgendaZone } from '../../api';
import { isTimeZone } from '../../format';
import { remembered } from '../../remembered';

/** Where this browser keeps the zone the agenda was last shown in. */
export const agendaZoneKey = 'plenary.agenda.zone';

/** The summit's zone, one's own, or a zone named. */
export const isAgendaZone = (value: string): value is AgendaZone => value === 'summit' || value === 'viewer' || isTimeZone(value);

/** The zone the agenda was last shown in on this browser, the summit's at first. */
export const rememberedAgendaZone = (): AgendaZone => remembered<AgendaZone>(agendaZoneKey, 'summit', isAgendaZone);
