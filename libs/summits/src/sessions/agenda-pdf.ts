import type { Locale } from '@plenary/common';
import PDFDocument from 'pdfkit';
import { dirname, join } from 'node:path';
import type { AgendaDto } from './session.dto';

/** DejaVu covers every accent of the summit's languages; the PDF's own fonts cover Latin-1 only. */
const FONT_DIR = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const REGULAR = join(FONT_DIR, 'DejaVuSans.ttf');
const BOLD = join(FONT_DIR, 'DejaVuSans-Bold.ttf');

const WORDS = {
  en: {
    agenda: 'Agenda',
    times: (zone: string) => `Times in ${zone}`,
    postponed: 'Postponed',
    cancelled: 'Cancelled',
    moved: 'Moved',
    was: 'was',
    conflict: 'Schedule conflict',
    conflicts: { outside_summit: 'outside the summit’s dates', room_overlap: 'room also used by', chair_double_booked: 'chair also at', delegation_double_booked: 'delegations also expected at' },
    empty: 'No session yet.',
    room: 'Room',
  },
  fr: {
    agenda: 'Programme',
    times: (zone: string) => `Heures en ${zone}`,
    postponed: 'Reportée',
    cancelled: 'Annulée',
    moved: 'Déplacée',
    was: 'auparavant',
    conflict: 'Conflit d’horaire',
    conflicts: { outside_summit: 'hors des dates du sommet', room_overlap: 'salle aussi utilisée par', chair_double_booked: 'présidence aussi à', delegation_double_booked: 'délégations aussi attendues à' },
    empty: 'Aucune séance pour l’instant.',
    room: 'Salle',
  },
} as const;

function dayTitle(date: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));
}

const hhmm = (local: string) => local.slice(11, 16);

/** The agenda as a printable PDF, in the reader's language, every time said with its zone. */
export function renderAgendaPdf(agenda: Readonly<AgendaDto>, summitTitle: string, locale: Locale): Promise<Buffer> {
  const words = WORDS[locale];
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `${summitTitle} — ${words.agenda}` } });
  doc.registerFont('regular', REGULAR);
  doc.registerFont('bold', BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const rooms = new Map(agenda.rooms.map((r) => [r.id, r]));
  const sessions = new Map(agenda.days.flatMap((d) => d.sessions).map((s) => [s.id, s]));
  const titleOf = (s: { title: string; titleFr: string | null }) => (locale === 'fr' ? s.titleFr || s.title : s.title);
  doc.font('bold').fontSize(18).text(summitTitle);
  doc.font('regular').fontSize(12).fillColor('#444').text(`${words.agenda} · ${words.times(agenda.timeZone)}`);
  doc.moveDown();
  if (agenda.days.length === 0) doc.fillColor('#000').text(words.empty);
  for (const day of agenda.days) {
    doc.font('bold').fontSize(14).fillColor('#000').text(dayTitle(day.date, locale));
    doc.moveDown(0.3);
    for (const s of day.sessions) {
      const title = titleOf(s);
      const room = s.roomId ? rooms.get(s.roomId) : undefined;
      const roomName = room ? (locale === 'fr' ? room.nameFr || room.name : room.name) : s.room;
      const status = s.status === 'postponed' ? words.postponed : s.status === 'cancelled' ? words.cancelled : s.previous ? words.moved : null;
      doc.font('bold').fontSize(11).fillColor('#000').text(`${hhmm(s.localStart)}–${hhmm(s.localEnd)} (${agenda.timeZone})  ${title}`, { continued: !!status });
      if (status) doc.font('bold').fillColor('#a33').text(`  [${status}]`);
      const details = [roomName ? `${words.room}: ${roomName}` : null, s.previous ? `${words.was} ${s.previous.localStart.replace('T', ' ')}–${hhmm(s.previous.localEnd)} (${agenda.timeZone})` : null].filter(Boolean);
      if (details.length) doc.font('regular').fontSize(10).fillColor('#444').text(details.join(' · '));
      if (s.conflicts.length) doc.font('regular').fontSize(10).fillColor('#a33').text(`${words.conflict}: ${s.conflicts
              .map((c) => {
                const other = c.sessionId ? sessions.get(c.sessionId) : undefined;
                return other ? `${words.conflicts[c.type]} « ${titleOf(other)} »` : words.conflicts[c.type];
              })
              .join('; ')}`);
      doc.moveDown(0.4);
    }
    doc.moveDown(0.6);
  }
  doc.end();
  return done;
}
